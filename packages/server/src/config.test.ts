import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig, parseDatabaseUrl } from "./config.ts";

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
		]) {
			assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
		}
	});
});

describe("parseDatabaseUrl", () => {
	it("understands sqlite URLs and plain .db paths", () => {
		assert.deepEqual(parseDatabaseUrl("sqlite:./data/x.db"), { kind: "sqlite", path: "./data/x.db" });
		assert.deepEqual(parseDatabaseUrl("sqlite:///tmp/x.db"), { kind: "sqlite", path: "/tmp/x.db" });
		assert.deepEqual(parseDatabaseUrl("data/x.db"), { kind: "sqlite", path: "data/x.db" });
		assert.throws(() => parseDatabaseUrl("postgres://localhost/x"), /not supported yet/);
	});
});
