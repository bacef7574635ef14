import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { startServer } from "@latchkey/test-support";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "latchkey-cli-"));
const db = `sqlite:${join(dir, "cli.db")}`;

const latchkey = runCli;

describe("latchkey CLI", () => {
	after(() => rmSync(dir, { recursive: true, force: true }));

	it("prints help for every command", async () => {
		for (const args of [
			["--help"],
			["serve", "--help"],
			["dev", "--help"],
			["app", "create", "--help"],
			["migrate", "--help"],
			["export", "--help"],
			["import", "--help"],
		]) {
			const { code, stdout } = await latchkey(args);
			assert.equal(code, 0, args.join(" "));
			assert.match(stdout, /Usage: latchkey/);
		}
	});

	it("exits 2 with one line for a bad flag, a bad database URL, a bad port, or an unknown command", async () => {
		for (const args of [
			["serve", "--nope"],
			["serve", "--database", "mysql://x"],
			["serve", "--port", "99999"],
			["frobnicate"],
			["app", "create", "shop", "--database", db],
			["app", "create", "Bad_Id", "--rp-id", "x.example", "--database", db],
			["app", "create", "shop", "--rp-id", "x.example", "--origin", "https://x.example/path", "--database", db],
			["app", "create", "shop", "--rp-id", "x.example", "--related-origin", "http://x.example.org", "--database", db],
			["app", "create", "shop", "--rp-id", "x.example", "--top-origin", "not an origin", "--database", db],
			["migrate", "--nope"],
			["migrate", "extra", "--database", db],
			["migrate", "--database", "postgres://"],
			["export", "--out"],
			["export", "--database", "mysql://x"],
			["import", "--in", join(dir, "missing.jsonl"), "--database", db],
			["import", "--frobnicate"],
		]) {
			const { code, stderr } = await latchkey(args);
			assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
			assert.equal(stderr.trim().split("\n").length, 1, stderr);
			assert.match(stderr, /^latchkey: /);
		}
	});

	it("creates an app and prints exactly one JSON object with --json, and refuses the same id twice", async () => {
		const { code, stdout } = await latchkey([
			"app",
			"create",
			"shop",
			"--rp-id",
			"shop.example",
			"--origin",
			"https://shop.example",
			"--database",
			db,
			"--json",
		]);
		assert.equal(code, 0);
		const parsed = JSON.parse(stdout);
		assert.deepEqual(Object.keys(parsed), ["appId", "apiKey", "apiSecret"]);
		assert.match(parsed.apiKey, /^shop:public:[0-9a-f]{32}$/);
		assert.match(parsed.apiSecret, /^shop:secret:[0-9a-f]{32}$/);
		const again = await latchkey(["app", "create", "shop", "--rp-id", "shop.example", "--database", db]);
		assert.equal(again.code, 2);
		assert.match(again.stderr, /already exists/);
	});

	it("creates an app with related origins and embedding pages, served in its /.well-known/webauthn document", async () => {
		const created = await latchkey([
			"app",
			"create",
			"related",
			"--rp-id",
			"localhost",
			"--origin",
			"http://localhost:5173",
			"--related-origin",
			"https://shop.example.co.uk",
			"--top-origin",
			"https://partner.example.net",
			"--database",
			db,
			"--json",
		]);
		assert.equal(created.code, 0, created.stderr);
		const { apiSecret } = JSON.parse(created.stdout) as { apiSecret: string };
		const server = await startServer({ dir, databaseUrl: db });
		try {
			const document = await fetch(`${server.url}/apps/related/.well-known/webauthn`);
			assert.deepEqual(await document.json(), { origins: ["http://localhost:5173", "https://shop.example.co.uk"] });
			const features = (await (await fetch(`${server.url}/apps/features`, { headers: { ApiSecret: apiSecret } })).json()) as {
				allowedTopOrigins: string[];
			};
			assert.deepEqual(features.allowedTopOrigins, ["https://partner.example.net"]);
		} finally {
			await server.stop();
		}
	});

	it("reads the database URL from LATCHKEY_DATABASE_URL", async () => {
		const { code } = await latchkey(["app", "create", "envapp", "--rp-id", "env.example", "--json"], { LATCHKEY_DATABASE_URL: db });
		assert.equal(code, 0);
		const { code: dup, stderr } = await latchkey(["app", "create", "envapp", "--rp-id", "env.example", "--database", db]);
		assert.equal(dup, 2, stderr);
	});

	it("migrates a SQLite file, exports it as JSON Lines and refuses to import a file that is not an export", async () => {
		const file = `sqlite:${join(dir, "moved.db")}`;
		const migrated = await latchkey(["migrate", "--database", file]);
		assert.equal(migrated.code, 0, migrated.stderr);
		assert.match(migrated.stdout, /applied 0001_create_schema\.sql/);
		assert.match((await latchkey(["migrate", "--database", file])).stdout, /The database is up to date/);
		const exported = await latchkey(["export", "--database", db]);
		assert.equal(exported.code, 0, exported.stderr);
		const lines = exported.stdout
			.trim()
			.split("\n")
			.map((l) => JSON.parse(l));
		assert.equal(lines[0].format, "latchkey-export");
		assert.ok(lines.some((l) => l.type === "app" && l.id === "shop"));
		const bogus = join(dir, "bogus.jsonl");
		writeFileSync(bogus, '{"hello":"world"}\n');
		const refused = await latchkey(["import", "--database", file, "--in", bogus]);
		assert.equal(refused.code, 1);
		assert.match(refused.stderr, /^latchkey: line 1: not a 'latchkey export' file/);
	});

	it("serves with structured logs and stops cleanly on SIGTERM and SIGINT", async () => {
		for (const signal of ["SIGTERM", "SIGINT"] as const) {
			const server = await startServer();
			const res = await fetch(`${server.url}/health/http`);
			assert.equal(res.status, 200);
			const exited = new Promise<number | null>((resolve) => server.child.once("exit", (c) => resolve(c)));
			server.child.kill(signal);
			assert.equal(await exited, 0);
			const lines = server
				.logs()
				.trim()
				.split("\n")
				.map((l) => JSON.parse(l));
			assert.ok(lines.some((l) => l.msg === "latchkey listening"));
			assert.ok(lines.some((l) => l.msg === "shutting down" && l.signal === signal));
			server.cleanup();
		}
	});
});
