#!/usr/bin/env node
// Entry point of the `latchkey` command. Runs the bundled CLI (dist/cli.js, made by scripts/build.mjs with esbuild),
// rebuilding it first when a source file is newer than it; when the bundle cannot be built (no esbuild) or
// LATCHKEY_BUNDLE=0, loads the TypeScript sources through tsx instead. Same behaviour either way; the bundle starts
// faster and needs about 30 MiB less memory.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";

// Keep V8's young generation at its initial size (1 MiB semi-spaces) instead of letting it grow to 16 MiB: ~30 MiB
// less RSS, for a scavenge every ~1 MiB of allocation (docs/performance.md). A flag given by the user wins.
const given = `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`;
const v8Flags = [];
if (!given.includes("semi-space")) v8Flags.push("--semi-space-growth-factor=1");
// Scavenge that 1 MiB on the main thread. In parallel, a scavenge waits for V8's helper threads, and on a busy machine
// with few cores they start late: scavenges that kept 17 KB took 3–5 ms, most of it waiting, and were the server's
// longest pauses (docs/performance.md). `node --parallel-scavenge …` turns it back on.
if (!given.includes("parallel-scavenge")) v8Flags.push("--no-parallel-scavenge");
for (const flag of v8Flags) setFlagsFromString(flag);
// V8 sets the growth factor back to 2 whenever it sets up another isolate (every worker thread): the server sets these
// again once each of its threads is online (src/v8-flags.ts reads them from here).
globalThis[Symbol.for("latchkey.v8Flags")] = v8Flags;

const io = {
	out: (text) => process.stdout.write(`${text}\n`),
	err: (text) => process.stderr.write(`${text}\n`),
	env: process.env,
};

function buildInChild() {
	const script = fileURLToPath(new URL("../scripts/build.mjs", import.meta.url));
	const built = spawnSync(process.execPath, [script], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
	if (built.status !== 0) throw new Error(`the build failed: ${built.stderr || built.error?.message || built.status}`);
}

async function loadCli() {
	if (process.env.LATCHKEY_BUNDLE !== "0") {
		try {
			const { bundleIsStale } = await import("../scripts/build.mjs");
			// Built in a child process: esbuild's module and its buffers would otherwise stay in this process's memory
			// for its whole life (~12 MiB of RSS).
			if (bundleIsStale()) buildInChild();
			return await import("../dist/cli.js");
		} catch (error) {
			if (process.env.LATCHKEY_BUNDLE === "1") throw error;
			process.stderr.write(`latchkey: running from the TypeScript sources (the bundle is unavailable: ${error.message})\n`);
		}
	}
	const { register } = await import("tsx/esm/api");
	register();
	return import("../src/cli.ts");
}

const { runCli } = await loadCli();
const code = await runCli(process.argv.slice(2), io);
if (code >= 0) process.exitCode = code;
