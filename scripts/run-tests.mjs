#!/usr/bin/env node
// Runs every *.test.ts of the repo with node's own test runner (through tsx), one file at a time.
// Usage: node scripts/run-tests.mjs [path-filter …]   e.g. `npm test -- e2e` runs only files whose path contains "e2e".
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const roots = ["packages", "bench", "apps"].map((d) => join(root, d));
const files = [];
const walk = (dir) => {
	let entries;
	try {
		entries = readdirSync(dir);
	} catch {
		return;
	}
	for (const name of entries) {
		if (name === "node_modules" || name.startsWith(".")) continue;
		const path = join(dir, name);
		if (statSync(path).isDirectory()) walk(path);
		else if (name.endsWith(".test.ts")) files.push(relative(root, path));
	}
};
roots.forEach(walk);
const filters = process.argv.slice(2);
const selected = files.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (selected.length === 0) {
	console.error(`no test files match ${filters.join(", ")}`);
	process.exit(1);
}
const result = spawnSync(
	process.execPath,
	["--conditions=latchkey-source", "--import", "tsx", "--test", "--test-concurrency=1", "--test-timeout=180000", ...selected],
	{
		cwd: root,
		stdio: "inherit",
	},
);
process.exit(result.status ?? 1);
