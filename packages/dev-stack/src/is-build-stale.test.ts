import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isBuildStale } from "./is-build-stale.ts";

describe("isBuildStale", () => {
	const dir = mkdtempSync(join(tmpdir(), "dev-stack-"));
	after(() => rmSync(dir, { recursive: true, force: true }));
	const touch = (path: string, seconds: number): void => {
		writeFileSync(path, "x");
		utimesSync(path, seconds, seconds);
	};

	it("is stale without a build, and when a source anywhere below a folder is newer than it", () => {
		mkdirSync(join(dir, "src/app"), { recursive: true });
		touch(join(dir, "src/app/app.ts"), 1000);
		utimesSync(join(dir, "src/app"), 1000, 1000);
		utimesSync(join(dir, "src"), 1000, 1000);
		assert.equal(isBuildStale(join(dir, "index.html"), [join(dir, "src")]), true);
		touch(join(dir, "index.html"), 2000);
		assert.equal(isBuildStale(join(dir, "index.html"), [join(dir, "src"), join(dir, "missing.json")]), false);
		touch(join(dir, "src/app/app.ts"), 3000);
		assert.equal(isBuildStale(join(dir, "index.html"), [join(dir, "src")]), true);
	});
});
