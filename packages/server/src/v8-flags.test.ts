import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);
const CHECKPOINTER = new URL("./store/sqlite/checkpointer.ts", import.meta.url).href;
const SIGNATURES = new URL("./webauthn/signature-threads.ts", import.meta.url).href;
const HELPERS = new URL("./webauthn/simplewebauthn.ts", import.meta.url).href;

// In a fresh process started with the growth factor bin/latchkey.js sets (with REGISTER=1, also left where
// reapplyV8Flags finds it, as the bin does): start one of the server's worker threads and wait until it has worked, then allocate
// short-lived objects and print the young generation's size.
const CHILD = `
import { getHeapSpaceStatistics } from "node:v8";
import { setTimeout as sleep } from "node:timers/promises";
if (process.env.REGISTER === "1") globalThis[Symbol.for("latchkey.v8Flags")] = ["--semi-space-growth-factor=1"];
let stop;
if (process.env.THREAD === "checkpoints") {
	const { default: Database } = await import("better-sqlite3");
	const { statSync } = await import("node:fs");
	const { startCheckpointer } = await import(${JSON.stringify(CHECKPOINTER)});
	const path = process.env.DIR + "/v.db";
	const db = new Database(path);
	db.pragma("journal_mode = WAL");
	db.pragma("wal_autocheckpoint = 0");
	db.exec("CREATE TABLE t (v BLOB)");
	for (let i = 0; i < 100; i++) db.prepare("INSERT INTO t (v) VALUES (?)").run(Buffer.alloc(4000));
	const thread = startCheckpointer(path, { intervalMs: 10, synchronous: "NORMAL", onFailure: (e) => { throw e; } });
	// The thread has run once the database file holds the rows.
	for (let i = 0; i < 1000 && statSync(path).size < 300000; i++) await sleep(10);
	if (statSync(path).size < 300000) throw new Error("the checkpoint thread never ran");
	stop = () => thread.stop().then(() => db.close());
} else {
	const { createSignatureVerifier } = await import(${JSON.stringify(SIGNATURES)});
	await (await import(${JSON.stringify(HELPERS)})).loadWebAuthnHelpers();
	const { CoseAlgorithm: { ES256 }, encodeCosePublicKey, generateCredentialKeyPair, signWithAlgorithm } = await import("@latchkey/testing");
	const verifier = createSignatureVerifier({ threads: 1 });
	const { publicKey, privateKey } = generateCredentialKeyPair(ES256);
	const data = new Uint8Array(32);
	const answer = await verifier.check({ coseKey: encodeCosePublicKey(publicKey, ES256), data, signature: signWithAlgorithm(privateKey, ES256, data) });
	if (answer !== "valid") throw new Error("the signature thread answered " + answer);
	stop = () => verifier.close();
}
let keep = [];
for (let i = 0; i < 3e6; i++) {
	keep.push({ i, s: "x" + i });
	if (keep.length > 2000) keep = [];
}
console.log(getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size);
await stop();
`;

async function youngGenerationBytes(thread: "checkpoints" | "signatures", register: boolean): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), "latchkey-v8-flags-"));
	try {
		const { stdout } = await run(
			process.execPath,
			["--semi-space-growth-factor=1", "--import", "tsx", "--input-type=module", "-e", CHILD],
			{
				env: { ...process.env, THREAD: thread, REGISTER: register ? "1" : "0", DIR: dir },
			},
		);
		return Number(stdout.trim());
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe("reapplyV8Flags", () => {
	for (const thread of ["checkpoints", "signatures"] as const) {
		it(`keeps the young generation small once the ${thread} thread is online`, async () => {
			// 1 MiB semi-spaces, or one or two doublings while the thread is set up and not yet online.
			const kept = await youngGenerationBytes(thread, true);
			assert.ok(kept <= 8 * 1024 * 1024, `young generation ${kept} bytes`);
			// Without the flags to set again, the thread's start lets it grow to V8's maximum (2 × 16 MiB here).
			const grown = await youngGenerationBytes(thread, false);
			assert.ok(grown > kept, `grew to ${grown} bytes`);
		});
	}
});
