#!/usr/bin/env node
// Entry point of the `latchkey` command: runs the prebuilt JavaScript in dist/ (made by `tsc -b`, shipped in the
// package). In a checkout of the repository, scripts/dev-build.mjs (not published) first rebuilds dist/ when a source
// file is newer, so the command always runs the code as edited.
import { existsSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

// Keep V8's young generation at its initial size (1 MiB semi-spaces) instead of letting it grow to 16 MiB: on Node 24
// 10–16 MiB less RSS idle and 45–58 MiB at peak under load, for a scavenge every ~1 MiB of allocation and a few % of
// throughput (docs/performance.md). A flag given by the user wins. V8 keeps a growth factor below 2 only when it is
// set at run time: from the command line V8 raises it to 2 (Node 24 as it reads the flags, Node 22 as it sets up the
// heap), and NODE_OPTIONS refuses the flag. So it is set here, before anything else loads: loading the server's code
// alone grows the semi-spaces to 8 MiB (Node 24).
const given = `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`;
const v8Flags = [];
if (!given.includes("semi-space")) v8Flags.push("--semi-space-growth-factor=1");
// Scavenge that 1 MiB on the main thread. In parallel, a scavenge waits for V8's helper threads, and on a busy machine
// with few cores they start late: scavenges that kept 17 KB took 3–5 ms, most of it waiting, and were the server's
// longest pauses (docs/performance.md). `node --parallel-scavenge …` turns it back on.
if (!given.includes("parallel-scavenge")) v8Flags.push("--no-parallel-scavenge");
for (const flag of v8Flags) setFlagsFromString(flag);
// On Node 22, V8 sets the growth factor back to 2 whenever it sets up another isolate (every worker thread): the
// server sets these again once each of its threads is online (src/v8-flags.ts reads them from here). Node 24 keeps it.
globalThis[Symbol.for("latchkey.v8Flags")] = v8Flags;

const devBuild = new URL("../scripts/dev-build.mjs", import.meta.url);
if (existsSync(devBuild)) (await import(devBuild.href)).ensureBuilt();

const { runCli } = await import("../dist/cli.js");
const code = await runCli(process.argv.slice(2), {
	out: (text) => process.stdout.write(`${text}\n`),
	err: (text) => process.stderr.write(`${text}\n`),
	env: process.env,
});
if (code >= 0) process.exitCode = code;
