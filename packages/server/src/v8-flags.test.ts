import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const BIN = fileURLToPath(new URL("../bin/latchkey.js", import.meta.url));
const CHECKPOINTER = new URL("./store/sqlite/checkpointer.ts", import.meta.url).href;
const SIGNATURES = new URL("./signatures/signature-verifier.ts", import.meta.url).href;
const MiB = 1024 * 1024;

// V8 clamps `--semi-space-growth-factor` to at least 2: V8 13.6 (Node 24) when it reads the command line, V8 12.4 and
// 11.3 (Node 22, 20) whenever it sets up an isolate's heap, the main thread's and every worker thread's. So a factor
// of 1 holds only when set at run time, after that — what bin/latchkey.js does — and on Node 22 and 20 only until the
// next thread starts, which is why the server sets it again once each thread is online (reapplyV8Flags).
const RESETS_ON_THREAD_START = Number(process.versions.node.split(".")[0]) < 24;

/** JavaScript for a function that reads V8's new_space size: both semi-spaces, 2 MiB while they stay at 1 MiB. */
const NEW_SPACE = `((v8) => () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size)(await import("node:v8"))`;

// Loaded first (before tsx, whose start alone would grow the young generation): sets the growth factor at run time as
// the bin does, and with REGISTER=1 also leaves it where reapplyV8Flags finds it, as the bin does.
const BIN_FLAGS = `data:text/javascript,${encodeURIComponent(`
import { setFlagsFromString } from "node:v8";
setFlagsFromString("--semi-space-growth-factor=1");
if (process.env.REGISTER === "1") globalThis[Symbol.for("latchkey.v8Flags")] = ["--semi-space-growth-factor=1"];
`)}`;

// Starts one of the server's worker threads and waits until it has worked, then allocates short-lived objects and
// prints the young generation's size.
const CHILD = `
import { setTimeout as sleep } from "node:timers/promises";
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
console.log((${NEW_SPACE})());
await stop();
`;

/**
 * The young generation's size after one of the server's threads started, in a fresh process.
 * @param how - `bin`: the flag set at run time and registered, as bin/latchkey.js does; `unregistered`: set at run
 * time but not registered (no re-application); `command-line`: only given on the command line
 */
async function afterThreadStart(thread: "checkpoints" | "signatures", how: "bin" | "unregistered" | "command-line"): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), "latchkey-v8-flags-"));
	try {
		const flags = how === "command-line" ? ["--semi-space-growth-factor=1"] : ["--import", BIN_FLAGS];
		const { stdout } = await run(process.execPath, [...flags, "--import", "tsx", "--input-type=module", "-e", CHILD], {
			env: { ...process.env, THREAD: thread, REGISTER: how === "bin" ? "1" : "0", DIR: dir },
		});
		return Number(stdout.trim());
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe("V8 flags of bin/latchkey.js", () => {
	it("keep the young generation at its initial size while the server's code loads; a semi-space flag given wins", async () => {
		const dir = mkdtempSync(join(tmpdir(), "latchkey-v8-flags-"));
		try {
			// `latchkey help` loads all of dist/cli.js, which alone grows a default young generation to 2 × 8 MiB on
			// Node 24 (2 × 4 MiB on Node 22); the probe prints its size as the process exits.
			const probe = join(dir, "probe.mjs");
			writeFileSync(
				probe,
				`const newSpace = ${NEW_SPACE};\nprocess.on("exit", () => process.stderr.write("new_space " + newSpace() + "\\n"));`,
			);
			const newSpace = async (nodeOptions: string): Promise<number> => {
				const { stderr } = await run(process.execPath, [BIN, "help"], {
					env: { ...process.env, NODE_OPTIONS: `${nodeOptions} --import ${probe}`.trim() },
				});
				return Number(/new_space (\d+)/.exec(stderr)?.[1]);
			};
			const kept = await newSpace("");
			assert.ok(kept <= 2 * MiB, `young generation ${kept} bytes`);
			// The user's flag: the bin sets none, and loading the code grows the young generation as usual.
			const given = await newSpace("--max-semi-space-size=16");
			assert.ok(given > kept, `a semi-space flag given in NODE_OPTIONS: ${given} bytes`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	for (const thread of ["checkpoints", "signatures"] as const) {
		it(`keep it small once the ${thread} thread is online`, async () => {
			// 1 MiB semi-spaces (2 MiB measured). Node 22: or one or two doublings while the thread is set up and not
			// yet online (8 MiB in one run of three).
			const kept = await afterThreadStart(thread, "bin");
			assert.ok(kept <= (RESETS_ON_THREAD_START ? 8 : 4) * MiB, `young generation ${kept} bytes`);
			// Controls. Given only on the command line the flag does nothing: the young generation grows as far as
			// V8 lets it (2 × 16 MiB here).
			const commandLine = await afterThreadStart(thread, "command-line");
			assert.ok(commandLine > 8 * MiB, `with the flag only on the command line: ${commandLine} bytes`);
			// Node 22: without setting it again, the thread's start lets it grow too. Node 24: the flag holds.
			if (RESETS_ON_THREAD_START) {
				const unregistered = await afterThreadStart(thread, "unregistered");
				assert.ok(unregistered > 8 * MiB, `without re-application: ${unregistered} bytes`);
			}
		});
	}
});
