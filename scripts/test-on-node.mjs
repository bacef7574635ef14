#!/usr/bin/env node
// Runs the in-process test suite on another supported Node.js major (default 22), the way a user of that Node would
// meet the code: a copy of the checkout, `npm ci` under that Node (better-sqlite3 is built for its ABI), then the unit
// and in-process tests (app.inject, the stores on a real SQLite file, the SDKs against a real `latchkey serve`).
// Browser, PostgreSQL, container and packed-artefact tests run once, on Node 24, in `node scripts/run-tests.mjs`.
// Usage: node scripts/test-on-node.mjs [major]
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAJOR = process.argv[2] ?? "22";
/** The in-process part of the suite: path filters for run-tests.mjs. */
const IN_PROCESS = [
	"packages/protocol/src",
	"packages/testing/src",
	"packages/client/src",
	"packages/client/test/bundle-size",
	"packages/node/",
	"packages/server/src",
];

const nodeHome = execFileSync("bash", [join(ROOT, "scripts/fetch-node.sh"), MAJOR], { encoding: "utf8" }).trim();
const env = { ...process.env, PATH: `${join(nodeHome, "bin")}:${process.env.PATH}`, npm_config_nodedir: nodeHome };
for (const name of Object.keys(env))
	if (name.startsWith("npm_package_") || name === "npm_lifecycle_event" || name === "npm_lifecycle_script") delete env[name];
const run = (command, args, cwd) => {
	const result = spawnSync(command, args, { cwd, env, stdio: "inherit" });
	if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
};

const copy = mkdtempSync(join(tmpdir(), `latchkey-node${MAJOR}-`));
try {
	const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
		.split("\0")
		.filter(Boolean);
	for (const file of files) {
		if (!existsSync(join(ROOT, file))) continue; // deleted in the work tree, not yet in git
		mkdirSync(dirname(join(copy, file)), { recursive: true });
		cpSync(join(ROOT, file), join(copy, file), { errorOnExist: false, force: true });
	}
	console.log(`== Node ${spawnSync(join(nodeHome, "bin/node"), ["--version"], { encoding: "utf8" }).stdout.trim()}: npm ci in ${copy}`);
	run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], copy);
	console.log(`== Node ${MAJOR}: the in-process suite`);
	run(join(nodeHome, "bin/node"), ["scripts/run-tests.mjs", ...IN_PROCESS], copy);
} finally {
	rmSync(copy, { recursive: true, force: true });
}
