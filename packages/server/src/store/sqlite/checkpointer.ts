import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { reapplyV8Flags } from "../../v8-flags.ts";

/** A background WAL checkpointer and how to stop it. */
export interface Checkpointer {
	/** Stops the thread and closes its connection (the main connection's own close then checkpoints what is left). */
	stop(): Promise<void>;
}

// Runs in the worker (CommonJS, `eval`): its own connection to the file, a PASSIVE checkpoint every `intervalMs`.
// PASSIVE never takes the write lock, so the main thread keeps committing while pages are copied and synced.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
// An SqliteError reaches the main thread as { code } only: rethrown as an Error, its message survives.
const fail = (e) => { throw new Error("checkpoint thread: " + (e && e.code ? e.code + " " : "") + (e && e.message)); };
let db;
try {
	db = new Database(workerData.path, { fileMustExist: true });
	db.pragma("busy_timeout = 5000");
	db.pragma("synchronous = " + workerData.synchronous);
} catch (e) {
	fail(e);
}
const timer = setInterval(() => {
	try {
		db.pragma("wal_checkpoint(PASSIVE)");
	} catch (e) {
		// Another connection's checkpoint is running (another worker process): the next turn will do.
		if (!(e && typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY"))) fail(e);
	}
}, workerData.intervalMs);
parentPort.on("message", () => {
	clearInterval(timer);
	db.close();
	parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the main thread. In WAL mode every commit appends pages to the WAL and, by default,
 * the commit that pushes it past 1,000 pages copies them back into the database file and syncs it — 3–4 ms of the
 * server's only thread, the largest of its latency stalls under load. This thread checkpoints instead, with its own
 * connection; `onFailure` runs if the thread dies, so the caller can turn the automatic checkpoint back on.
 * @param path - the database file (already open and in WAL mode)
 * @param options - how often, the `synchronous` level, and what to do if the thread fails
 */
export function startCheckpointer(
	path: string,
	options: { intervalMs: number; synchronous: "NORMAL" | "FULL"; onFailure: (error: unknown) => void },
): Checkpointer {
	const driver = createRequire(import.meta.url).resolve("better-sqlite3");
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: { driver, path, intervalMs: options.intervalMs, synchronous: options.synchronous },
		// Plain CommonJS: no loader of the parent's (`--import tsx` in development) — a worker thread starting its own
		// copy of a module-loader hook can deadlock with the main thread, which waits on the same hooks thread.
		execArgv: [],
		// A small heap: the thread only runs one pragma now and then.
		resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
	});
	worker.unref();
	worker.once("online", reapplyV8Flags);
	let stopping = false;
	worker.on("error", (error) => {
		if (!stopping) options.onFailure(error);
	});
	const exited = new Promise<void>((resolve) =>
		worker.once("exit", (code) => {
			if (!stopping && code !== 0) options.onFailure(new Error(`the checkpoint thread exited with code ${code}`));
			resolve();
		}),
	);
	return {
		async stop() {
			stopping = true;
			worker.ref(); // an unref'd thread would not keep a stopping process alive until it has closed
			worker.postMessage("stop");
			await exited;
		},
	};
}

/** Background checkpoints that run only while the database is being written to. */
export interface AdaptiveCheckpoints {
	/** Counts writes (the group commit reports each batch). */
	noteWrites(count: number): void;
	/** Whether the thread runs now. */
	readonly active: boolean;
	/** Stops the thread (if running) and the timer. */
	stop(): Promise<void>;
}

/**
 * Starts the checkpoint thread when writes come in (at least `startAtWritesPerSecond` in one second) and stops it
 * after `stopAfterIdleSeconds` without writes; meanwhile SQLite's own automatic checkpoint does the (little) work. An
 * idle server thus keeps the ~10 MiB a thread costs, a busy one gets checkpoints off its main thread.
 * @param db - the main connection (its automatic checkpoint is moved to a backstop while the thread runs)
 * @param path - the database file
 * @param options - the thresholds, the `synchronous` level for the thread, and the time between its checkpoints
 *   (@default 20 ms)
 */
export function createAdaptiveCheckpoints(
	db: { pragma(source: string): unknown },
	path: string,
	options: { synchronous: "NORMAL" | "FULL"; startAtWritesPerSecond?: number; stopAfterIdleSeconds?: number; intervalMs?: number },
): AdaptiveCheckpoints {
	const startAt = options.startAtWritesPerSecond ?? 200;
	// Small and often: on the benchmark's VM (ext4) a checkpoint every 100 ms held the server's own WAL writes up
	// 20–30 ms about once a second at half load; every 20 ms, 4–7 ms (bench/README.md, target 4).
	const intervalMs = options.intervalMs ?? 20;
	const stopAfter = options.stopAfterIdleSeconds ?? 60;
	let writes = 0;
	let idleSeconds = 0;
	let running: Checkpointer | null = null;
	let stopping: Promise<void> = Promise.resolve();
	const automatic = (pages: number): void => {
		db.pragma(`wal_autocheckpoint = ${pages}`);
	};
	const halt = (): Promise<void> => {
		const thread = running;
		running = null;
		if (!thread) return stopping;
		stopping = thread.stop().then(() => automatic(1000));
		return stopping;
	};
	const timer = setInterval(() => {
		if (writes > 0) idleSeconds = 0;
		else idleSeconds++;
		if (!running && writes >= startAt) {
			automatic(10_000); // a backstop while the thread runs
			running = startCheckpointer(path, {
				intervalMs,
				synchronous: options.synchronous,
				onFailure: () => {
					running = null;
					automatic(1000);
				},
			});
		} else if (running && idleSeconds >= stopAfter) {
			void halt();
		}
		writes = 0;
	}, 1000);
	timer.unref();
	return {
		noteWrites(count) {
			writes += count;
		},
		get active() {
			return running !== null;
		},
		async stop() {
			clearInterval(timer);
			await halt();
		},
	};
}
