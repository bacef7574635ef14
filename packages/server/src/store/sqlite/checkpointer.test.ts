import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { createAdaptiveCheckpoints, startCheckpointer } from "./checkpointer.ts";

/** Polls `condition` every 50 ms for up to `ms`; whether it became true. */
async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
	for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (condition()) return true;
	return condition();
}

/** A WAL database whose own connection never checkpoints, with ~2 MB of rows in the WAL only. */
function walWithRows(dir: string): { db: BetterSqlite3.Database; path: string } {
	const path = join(dir, "c.db");
	const db = new BetterSqlite3(path);
	db.pragma("journal_mode = WAL");
	db.pragma("wal_autocheckpoint = 0");
	db.exec("CREATE TABLE t (v BLOB)");
	const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
	for (let i = 0; i < 500; i++) insert.run(Buffer.alloc(4000, i % 256));
	return { db, path };
}

describe("startCheckpointer", () => {
	it("copies the WAL into the database file from its own thread, and stops", async () => {
		const dir = mkdtempSync(join(tmpdir(), "latchkey-ckpt-"));
		const { db, path } = walWithRows(dir);
		try {
			const before = statSync(path).size;
			assert.ok(before < 100_000, `nothing is checkpointed yet (${before} bytes)`);
			const failures: unknown[] = [];
			const checkpointer = startCheckpointer(path, { intervalMs: 20, synchronous: "NORMAL", onFailure: (e) => failures.push(e) });
			let after = before;
			for (let i = 0; i < 100 && after < 2_000_000; i++) {
				await sleep(20);
				after = statSync(path).size;
			}
			await checkpointer.stop();
			assert.ok(after >= 2_000_000, `the database file holds the rows after a checkpoint (${after} bytes)`);
			assert.deepEqual(failures, []);
			assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n, 500);
		} finally {
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("reports a thread that cannot open the database, so the caller can checkpoint itself", async () => {
		const dir = mkdtempSync(join(tmpdir(), "latchkey-ckpt-"));
		try {
			const keepAlive = setInterval(() => undefined, 50); // the thread is unref'd: something must keep the loop running
			const failed = new Promise<unknown>((resolve) => {
				startCheckpointer(join(dir, "missing.db"), { intervalMs: 20, synchronous: "NORMAL", onFailure: resolve });
			});
			const error = await failed;
			clearInterval(keepAlive);
			assert.match(String((error as { message?: unknown }).message), /missing\.db|unable to open|does not exist/i);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("runs the thread only while writes come in, and hands checkpoints back to SQLite when they stop", async () => {
		const dir = mkdtempSync(join(tmpdir(), "latchkey-ckpt-"));
		const { db } = walWithRows(dir);
		const automatic = (): number => db.pragma("wal_autocheckpoint", { simple: true }) as number;
		const checkpoints = createAdaptiveCheckpoints(db, join(dir, "c.db"), {
			synchronous: "NORMAL",
			startAtWritesPerSecond: 10,
			stopAfterIdleSeconds: 1,
		});
		try {
			checkpoints.noteWrites(3);
			await sleep(1100);
			assert.equal(checkpoints.active, false, "3 writes in a second do not start it");
			checkpoints.noteWrites(20);
			assert.ok(await waitFor(() => checkpoints.active, 3000), "20 writes in a second start it");
			assert.equal(automatic(), 10_000, "SQLite's own checkpoint is only a backstop meanwhile");
			assert.ok(await waitFor(() => !checkpoints.active, 5000), "a second without writes stops it");
			assert.ok(await waitFor(() => automatic() === 1000, 3000), "and SQLite checkpoints by itself again");
		} finally {
			await checkpoints.stop();
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
