import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL(".", import.meta.url));

function sources(dir: string = SRC): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
	});
}

const code = (path: string): string =>
	readFileSync(path, "utf8")
		.replace(/\/\*[\s\S]*?\*\//g, "")
		.replace(/(^|[^:])\/\/.*$/gm, "$1");

describe("server architecture rules (STYLE.md §1, §5)", () => {
	it("reads the system clock and the CSPRNG only in clock.ts and random.ts", () => {
		const offenders = sources()
			.filter((p) => !/[/\\](clock|random)\.ts$/.test(p))
			.filter((p) => /Date\.now\(\)|new Date\(\)|getRandomValues|Math\.random/.test(code(p)))
			.map((p) => relative(SRC, p));
		assert.deepEqual(offenders, []);
	});

	it("imports a database driver only from store/<dialect>/", () => {
		const offenders = sources()
			.filter((p) => !relative(SRC, p).startsWith("store/sqlite/") && !relative(SRC, p).startsWith("store/postgres/"))
			.filter((p) => /from "(better-sqlite3|pg)"/.test(code(p)))
			.map((p) => relative(SRC, p));
		assert.deepEqual(offenders, []);
	});

	it("keeps Fastify and SQL out of the pure WebAuthn and ceremony code", () => {
		const offenders = sources()
			.filter((p) => /^(webauthn|ceremonies)\//.test(relative(SRC, p)))
			.filter((p) => /from "fastify"|\bSELECT\b|\bINSERT\b/.test(code(p)))
			.map((p) => relative(SRC, p));
		assert.deepEqual(offenders, []);
	});

	it("keeps webauthn/ pure: no Buffer, and no import of the signature threads, routes or ceremonies", () => {
		const offenders = sources()
			.filter((p) => relative(SRC, p).startsWith("webauthn/"))
			.filter((p) => /\bBuffer\b|from "\.\.\/(signatures|routes|ceremonies|management)\//.test(code(p)))
			.map((p) => relative(SRC, p));
		assert.deepEqual(offenders, []);
	});

	it("never uses export * in an index", () => {
		assert.doesNotMatch(code(join(SRC, "index.ts")), /export \*/);
	});
});
