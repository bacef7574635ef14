// Development only (not in the published package): keeps dist/ in step with src/ in a checkout. `bin/latchkey.js`
// calls `ensureBuilt()` when this file exists, so a test or `npm start` after an edit runs the edited code. It runs the
// same `tsc -b` as `npm run build` (incremental: only changed projects are emitted), under a lock folder so that
// processes starting together build once.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STAMP = join(ROOT, "dist", ".tsbuildinfo");
const LOCK = join(ROOT, "dist", ".building");
/** The server's sources and those of the workspace package it imports. */
const INPUTS = [join(ROOT, "src"), join(ROOT, "..", "protocol", "src")];

/** The newest modification time (ms) among the inputs (tests excluded). */
function newestInput() {
	let newest = 0;
	const visit = (path) => {
		const stat = statSync(path, { throwIfNoEntry: false });
		if (!stat) return;
		if (stat.isDirectory()) {
			for (const name of readdirSync(path)) if (!name.endsWith(".test.ts")) visit(join(path, name));
		} else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
	};
	for (const input of INPUTS) visit(input);
	return newest;
}

/** Whether dist/ is missing or older than a source file. */
export function isStale() {
	const built = statSync(STAMP, { throwIfNoEntry: false });
	return !built || built.mtimeMs < newestInput();
}

function sleep(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Rebuilds dist/ with `tsc -b` when it is stale; waits for another process's build instead of starting a second. */
export function ensureBuilt() {
	if (!isStale()) return;
	mkdirSync(join(ROOT, "dist"), { recursive: true });
	for (;;) {
		try {
			mkdirSync(LOCK);
			break;
		} catch {
			const lock = statSync(LOCK, { throwIfNoEntry: false });
			// A lock older than two minutes belongs to a build that died.
			if (lock && Date.now() - lock.mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
			sleep(100);
			if (!isStale()) return;
		}
	}
	try {
		if (!isStale()) return;
		const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
		const built = spawnSync(process.execPath, [tsc, "-b", ROOT], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
		if (built.status !== 0) throw new Error(`tsc -b failed:\n${built.stdout}${built.stderr}`);
		// tsc leaves its build info alone when no output changed (an edit undone, a touched file): mark dist fresh.
		const now = new Date();
		utimesSync(STAMP, now, now);
	} finally {
		rmSync(LOCK, { recursive: true, force: true });
	}
}
