import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "latchkey-pool-"));
const db = `sqlite:${join(dir, "pool.db")}`;

const latchkey = runCli;

describe("latchkey pool commands", () => {
	after(() => rmSync(dir, { recursive: true, force: true }));

	it("prints help for pool create, list and rotate-key", async () => {
		for (const args of [
			["pool", "create", "--help"],
			["pool", "list", "--help"],
			["pool", "rotate-key", "--help"],
			["pool", "--help"],
		]) {
			const { code, stdout } = await latchkey(args);
			assert.equal(code, 0, args.join(" "));
			assert.match(stdout, /Usage: latchkey pool/);
		}
	});

	it("exits 2 with one line for missing or bad arguments", async () => {
		for (const args of [
			["pool", "frobnicate"],
			["pool", "create", "shop", "--rp-id", "shop.example", "--database", db],
			["pool", "create", "shop", "--region", "us-east-1", "--database", db],
			["pool", "create", "shop", "--region", "mars", "--rp-id", "shop.example", "--database", db],
			["pool", "create", "--region", "us-east-1", "--rp-id", "shop.example", "--database", db],
			["pool", "list", "extra", "--database", db],
			["pool", "rotate-key", "--database", db],
			["pool", "rotate-key", "us-east-1_Nope00000", "--database", db],
		]) {
			const { code, stderr } = await latchkey(args);
			assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
			assert.equal(stderr.trim().split("\n").length, 1, stderr);
			assert.match(stderr, /^latchkey: /);
		}
	});

	it("creates an app with its pool (exactly one JSON object), lists it and rotates its key", async () => {
		const created = await latchkey(
			[
				"pool",
				"create",
				"shop",
				"--region",
				"us-east-1",
				"--rp-id",
				"shop.example",
				"--origin",
				"https://shop.example",
				"--database",
				db,
				"--json",
			],
			{ LATCHKEY_PUBLIC_URL: "https://auth.example.com/" },
		);
		assert.equal(created.code, 0, created.stderr);
		const parsed = JSON.parse(created.stdout);
		assert.deepEqual(Object.keys(parsed), ["appId", "apiKey", "apiSecret", "userPoolId", "clientId", "issuer"]);
		assert.match(parsed.apiSecret, /^shop:secret:[0-9a-f]{32}$/);
		assert.match(parsed.userPoolId, /^us-east-1_[A-Za-z0-9]{9}$/);
		assert.match(parsed.clientId, /^[a-z0-9]{26}$/);
		assert.equal(parsed.issuer, `https://auth.example.com/${parsed.userPoolId}`);

		const again = await latchkey(["pool", "create", "shop", "--region", "us-east-1", "--rp-id", "shop.example", "--database", db]);
		assert.equal(again.code, 2);
		assert.match(again.stderr, /already exists/);

		const listed = await latchkey(["pool", "list", "--database", db, "--json"]);
		assert.equal(listed.code, 0, listed.stderr);
		const [pool] = JSON.parse(listed.stdout);
		assert.equal(pool.id, parsed.userPoolId);
		assert.equal(pool.clientId, parsed.clientId);
		assert.equal(pool.appId, "shop");

		const rotated = await latchkey(["pool", "rotate-key", parsed.userPoolId, "--database", db, "--json"]);
		assert.equal(rotated.code, 0, rotated.stderr);
		assert.equal(JSON.parse(rotated.stdout).userPoolId, parsed.userPoolId);
	});
});
