import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type ServerProcess, startServer, type TestApp } from "@latchkey/test-support";

const BIN = fileURLToPath(new URL("../../bin/latchkey.js", import.meta.url));
const CACHE_MS = 2_100; // a node rereads app keys within 2 s (AUTH_LOOKUP_TTL_MS)

describe("latchkey app keys / rotate-key / lock-key / unlock-key", () => {
	let server: ServerProcess;
	let app: TestApp;
	const cli = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
		new Promise((resolve) => {
			execFile(process.execPath, [BIN, ...args, "--database", server.databaseUrl], (error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
			);
		});
	const tokenWith = async (secret: string): Promise<number> =>
		(
			await fetch(`${server.url}/register/token`, {
				method: "POST",
				headers: { "content-type": "application/json", ApiSecret: secret },
				body: JSON.stringify({ userId: "u1", username: "u1" }),
			})
		).status;
	const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, CACHE_MS));

	before(async () => {
		server = await startServer();
		app = await server.createApp({ appId: "shop", rpId: "localhost" });
	});
	after(async () => {
		await server?.stop();
		server?.cleanup();
	});

	it("lists the keys without revealing them", async () => {
		const { code, stdout } = await cli(["app", "keys", "shop", "--json"]);
		assert.equal(code, 0);
		const keys = JSON.parse(stdout) as { id: string; kind: string; scopes: string[]; locked: boolean }[];
		assert.deepEqual(keys.map((k) => k.kind).sort(), ["public", "secret"]);
		assert.equal(keys.find((k) => k.kind === "secret")?.id, `secret-${app.apiSecret.slice(-4)}`);
		assert.ok(!stdout.includes(app.apiSecret.slice(12)), "no key material");
	});

	it("rotates the secret: the new one works, the old one is refused like an unknown key", async () => {
		assert.equal(await tokenWith(app.apiSecret), 200);
		const { code, stdout } = await cli(["app", "rotate-key", "shop", "--kind", "secret", "--json"]);
		assert.equal(code, 0);
		const rotated = JSON.parse(stdout) as { key: string; id: string; removed: string[] };
		assert.match(rotated.key, /^shop:secret:[0-9a-f]{32}$/);
		assert.deepEqual(rotated.removed, [`secret-${app.apiSecret.slice(-4)}`]);
		await pause();
		assert.equal(await tokenWith(rotated.key), 200);
		assert.equal(await tokenWith(app.apiSecret), 401);
		app = { ...app, apiSecret: rotated.key };
	});

	it("locks and unlocks a key, and logs every change", async () => {
		const id = `secret-${app.apiSecret.slice(-4)}`;
		assert.equal((await cli(["app", "lock-key", "shop", id])).code, 0);
		await pause();
		assert.equal(await tokenWith(app.apiSecret), 401);
		assert.equal((await cli(["app", "unlock-key", "shop", id])).code, 0);
		await pause();
		assert.equal(await tokenWith(app.apiSecret), 200);
		const events = (await (await fetch(`${server.url}/events?numberOfResults=100`, { headers: { ApiSecret: app.apiSecret } })).json()) as {
			events: { eventType: string }[];
		};
		const types = events.events.map((e) => e.eventType);
		for (const t of [
			"AdminApiKeyCreated",
			"AdminApiKeyDeleted",
			"AdminApiKeyLocked",
			"AdminApiKeyUnlocked",
			"ApiAuthInvalidSecretKeyUsed",
			"ApiAuthDisabledSecretKeyUsed",
		]) {
			assert.ok(types.includes(t), `${t} in ${types.join(", ")}`);
		}
	});

	it("refuses bad arguments with one line and exit code 2", async () => {
		for (const args of [
			["app", "rotate-key", "shop"],
			["app", "rotate-key", "shop", "--kind", "both"],
			["app", "lock-key", "shop"],
			["app", "lock-key", "shop", "secret-zzzz"],
			["app", "keys", "ghost"],
			["app", "keys"],
		]) {
			const { code, stderr } = await cli(args);
			assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
			assert.equal(stderr.trim().split("\n").length, 1);
		}
	});
});
