import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, loadConfig, parseDatabaseUrl, redactDatabaseUrl } from "./config.ts";

describe("loadConfig", () => {
	it("has the documented defaults", () => {
		const config = loadConfig({});
		assert.equal(config.port, 4000);
		assert.equal(config.host, "127.0.0.1");
		assert.equal(config.databaseUrl, "sqlite:./data/latchkey.db");
		assert.equal(config.sessionTtlSeconds, 300);
		assert.equal(config.verifyTokenTtlSeconds, 120);
		assert.equal(config.registerTokenTtlSeconds, 120);
		assert.equal(config.ceremonyTimeoutMs, 60000);
		assert.equal(config.dev, false);
		assert.equal(config.pgPoolSize, 10);
		assert.equal(config.pgStatementTimeoutMs, 5000);
		assert.equal(config.pgConnectTimeoutMs, 3000);
		assert.ok(Object.isFrozen(config));
	});

	it("reads LATCHKEY_ variables and lets overrides win", () => {
		const config = loadConfig(
			{ LATCHKEY_PORT: "5000", LATCHKEY_HOST: "0.0.0.0", LATCHKEY_SESSION_TTL_SECONDS: "900", LATCHKEY_DEV: "1" },
			{ port: "6000" },
		);
		assert.equal(config.port, 6000);
		assert.equal(config.host, "0.0.0.0");
		assert.equal(config.sessionTtlSeconds, 900);
		assert.equal(config.dev, true);
	});

	it("refuses values it cannot use, naming the setting", () => {
		for (const env of [
			{ LATCHKEY_PORT: "http" },
			{ LATCHKEY_PORT: "70000" },
			{ LATCHKEY_SESSION_TTL_SECONDS: "0" },
			{ LATCHKEY_LOG_LEVEL: "loud" },
			{ LATCHKEY_DATABASE_URL: "mysql://x" },
			{ LATCHKEY_PG_POOL_SIZE: "0" },
			{ LATCHKEY_PG_STATEMENT_TIMEOUT_MS: "soon" },
			{ LATCHKEY_PG_CONNECT_TIMEOUT_MS: "5" },
		]) {
			assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
		}
	});
});

describe("loadConfig: LATCHKEY_AUTHENTICATOR_NAMES", () => {
	it("takes a JSON file and refuses, before start-up, one that is missing, not JSON or not an object", () => {
		const dir = mkdtempSync(join(tmpdir(), "latchkey-config-"));
		try {
			const good = join(dir, "aaguid.json");
			writeFileSync(good, JSON.stringify({ "01234567-89ab-cdef-0123-456789abcdef": { name: "Acme Key" } }));
			assert.equal(loadConfig({}).authenticatorNamesFile, "");
			assert.equal(loadConfig({ LATCHKEY_AUTHENTICATOR_NAMES: good }).authenticatorNamesFile, good);
			const bad = join(dir, "bad.json");
			writeFileSync(bad, "{ not json");
			const list = join(dir, "list.json");
			writeFileSync(list, "[]");
			const missing = join(dir, "absent.json");
			assert.throws(() => loadConfig({ LATCHKEY_AUTHENTICATOR_NAMES: missing }), {
				name: "ConfigError",
				message: new RegExp(`authenticatorNamesFile '${missing}' cannot be read: ENOENT`),
			});
			assert.throws(() => loadConfig({ LATCHKEY_AUTHENTICATOR_NAMES: bad }), { name: "ConfigError", message: /is not valid JSON/ });
			assert.throws(() => loadConfig({ LATCHKEY_AUTHENTICATOR_NAMES: list }), { name: "ConfigError", message: /not a JSON object/ });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe("parseDatabaseUrl", () => {
	it("understands sqlite URLs and plain .db paths", () => {
		assert.deepEqual(parseDatabaseUrl("sqlite:./data/x.db"), { kind: "sqlite", path: "./data/x.db" });
		assert.deepEqual(parseDatabaseUrl("sqlite:///tmp/x.db"), { kind: "sqlite", path: "/tmp/x.db" });
		assert.deepEqual(parseDatabaseUrl("data/x.db"), { kind: "sqlite", path: "data/x.db" });
	});

	it("understands postgres:// and postgresql:// URLs", () => {
		assert.deepEqual(parseDatabaseUrl("postgres://app:pw@db:5432/latchkey"), {
			kind: "postgres",
			url: "postgres://app:pw@db:5432/latchkey",
		});
		assert.deepEqual(parseDatabaseUrl("postgresql://localhost/x?sslmode=require"), {
			kind: "postgres",
			url: "postgresql://localhost/x?sslmode=require",
		});
		assert.throws(() => parseDatabaseUrl("postgres://"), ConfigError);
		assert.throws(() => parseDatabaseUrl("mysql://x"), ConfigError);
	});
});

describe("redactDatabaseUrl", () => {
	it("hides the password and leaves everything else", () => {
		assert.equal(redactDatabaseUrl("postgres://app:s3cret@db:5432/latchkey"), "postgres://app:***@db:5432/latchkey");
		assert.equal(redactDatabaseUrl("postgres://db/latchkey"), "postgres://db/latchkey");
		assert.equal(redactDatabaseUrl("sqlite:./data/x.db"), "sqlite:./data/x.db");
	});

	it("takes an SMTP URL with a sender, and refuses one without, a foreign scheme, or a sender alone (password redacted)", () => {
		const config = loadConfig({ LATCHKEY_SMTP_URL: "smtps://u:p@mail.example:465", LATCHKEY_SMTP_FROM: "Shop <no-reply@shop.example>" });
		assert.equal(config.smtpUrl, "smtps://u:p@mail.example:465");
		assert.equal(config.magicLinkTtlSeconds, 900);
		assert.equal(config.magicLinksPerAddressPerHour, 5);
		assert.equal(config.magicLinksPerAppPerDay, 1000);
		assert.equal(loadConfig({ LATCHKEY_SMTP_URL: "smtp://localhost:2525", LATCHKEY_SMTP_FROM: "a@b" }).smtpFrom, "a@b");
		assert.throws(
			() => loadConfig({ LATCHKEY_SMTP_URL: "smtp://u:secret@mail.example" }),
			(error: Error) => {
				assert.match(error.message, /smtpFrom must be an address/);
				return true;
			},
		);
		assert.throws(
			() => loadConfig({ LATCHKEY_SMTP_URL: "http://u:secret@mail.example", LATCHKEY_SMTP_FROM: "a@b" }),
			(error: Error) => {
				assert.match(error.message, /smtpUrl must look like smtp:\/\//);
				assert.ok(!error.message.includes("secret"), "the password is redacted");
				return true;
			},
		);
		assert.throws(() => loadConfig({ LATCHKEY_SMTP_FROM: "a@b" }), /smtpFrom is set but smtpUrl is not/);
		assert.throws(() => loadConfig({ LATCHKEY_MAGIC_LINKS_PER_ADDRESS_PER_HOUR: "-1" }), ConfigError);
	});
});
