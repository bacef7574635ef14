import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative } from "node:path";
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

/**
 * The layers of src/, bottom to top. A module imports from a lower layer, or from its own layer within its own
 * top-level folder (the files directly in src/ count as one folder), so the folders of one layer never import each
 * other. An entry is a folder ("webauthn/") or a file ("deps.ts", "store/store.ts"); the longest entry a path starts
 * with places it. Every source file must be placed, so a new folder is given its layer when it is added.
 * Tests are not placed: they may import anything.
 */
const LAYERS: readonly { name: string; entries: readonly string[] }[] = [
	{
		name: "base modules (the clock, randomness, encoding, config, logger, paths)",
		entries: ["clock.ts", "random.ts", "encoding.ts", "config.ts", "logger.ts", "package-root.ts", "v8-flags.ts", "version.ts"],
	},
	{ name: "store interfaces", entries: ["store/store.ts", "store/model.ts"] },
	{
		name: "WebAuthn, store implementations, export format, mail",
		entries: ["webauthn/", "store/", "transfer/", "authenticators/", "mail/"],
	},
	{ name: "FIDO metadata (blob check, catalog over the store interface)", entries: ["mds/"] },
	{ name: "signature checks (threads, key cache)", entries: ["signatures/"] },
	{ name: "Deps", entries: ["deps.ts"] },
	{ name: "wire schemas, domain rules, token text", entries: ["wire/", "domain/", "tokens/"] },
	{ name: "ceremonies, management, apps", entries: ["ceremonies/", "management/", "apps/"] },
	{ name: "the Cognito front door's operations (over the ceremonies)", entries: ["cognito/"] },
	{ name: "request plumbing", entries: ["auth/", "http/", "errors/"] },
	{ name: "routes", entries: ["routes/"] },
	{
		name: "composition",
		entries: ["app.ts", "main.ts", "cli.ts", "cli-help.ts", "cli-tools.ts", "cli-pool.ts", "cli-mds.ts", "index.ts", "webauthn-library.ts"],
	},
];

/** The layer index of a path relative to src/, or null when no entry places it. */
function layerOf(path: string): number | null {
	let layer: number | null = null;
	let longest = 0;
	for (const [index, { entries }] of LAYERS.entries()) {
		for (const entry of entries) {
			const places = entry.endsWith("/") ? path.startsWith(entry) : path === entry;
			if (places && entry.length > longest) [layer, longest] = [index, entry.length];
		}
	}
	return layer;
}

const topFolder = (path: string): string => (path.includes("/") ? path.slice(0, path.indexOf("/")) : ".");

/** Relative specifiers of static imports, re-exports and dynamic imports. */
function relativeImports(source: string): string[] {
	const found = source.matchAll(
		/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|(?:^|\n)\s*import\s*"([^"]+)"/g,
	);
	return [...found].map((m) => m[1] ?? m[2] ?? m[3] ?? "").filter((spec) => spec.startsWith("."));
}

/**
 * Every import that breaks the layer rule.
 * @param files - source text by path relative to src/
 */
function layerViolations(files: ReadonlyMap<string, string>): string[] {
	const found: string[] = [];
	const name = (layer: number): string => LAYERS[layer]?.name ?? "?";
	for (const [path, source] of files) {
		const from = layerOf(path);
		if (from === null) {
			found.push(`${path}: not in the layer table`);
			continue;
		}
		for (const spec of relativeImports(source)) {
			const target = posix.join(posix.dirname(path), spec);
			const to = layerOf(target);
			if (to === null) found.push(`${path} → ${target}: not in the layer table`);
			else if (to > from) found.push(`${path} → ${target}: upward (${name(from)} → ${name(to)})`);
			else if (to === from && topFolder(path) !== topFolder(target)) {
				found.push(`${path} → ${target}: across one layer (${name(from)})`);
			}
		}
	}
	return found;
}

describe("server architecture rules (STYLE.md §1, §5)", () => {
	it("imports only from lower layers, or from the same layer within the same folder", () => {
		const files = new Map(sources().map((p) => [relative(SRC, p), code(p)]));
		assert.deepEqual(layerViolations(files), []);
	});

	it("places every file in src/ and every entry of the layer table names a file that exists", () => {
		const paths = sources().map((p) => relative(SRC, p));
		assert.deepEqual(
			paths.filter((p) => layerOf(p) === null),
			[],
		);
		const unused = LAYERS.flatMap(({ entries }) => entries).filter(
			(entry) => !paths.some((p) => (entry.endsWith("/") ? p.startsWith(entry) : p === entry)),
		);
		assert.deepEqual(unused, []);
	});

	it("catches an upward import, an import across one layer and a file the table does not place (self-check)", () => {
		const synthetic = new Map([
			["ceremonies/issue-register-token.ts", 'import type { RegisterTokenBody } from "../routes/schemas.ts";'],
			["management/set-aliases.ts", 'import { hashAlias } from "../ceremonies/alias-hash.ts";'],
			["store/cache-auth-lookups.ts", 'import type { Clock } from "../deps.ts";'],
			["store/store.ts", 'export type { Credential } from "./sqlite/sqlite-rows.ts";'],
			["webauthn/verify.ts", 'const late = await import("../routes/route-context.ts");'],
			["tokens/token-text.ts", 'import {\n\ttype Random,\n} from "../../test/support/random.ts";'],
			["queues/pool.ts", ""],
			// Allowed: lower layers, the same folder, and the files of src/ among themselves.
			[
				"ceremonies/begin-registration.ts",
				'import { hashAlias } from "../domain/alias-hash.ts";\nimport { loadToken } from "./load-token.ts";',
			],
			[
				"store/memory/memory-store.ts",
				'import { localRateLimits } from "../local-rate-limits.ts";\nimport type { Store } from "../store.ts";',
			],
			["main.ts", 'import { buildApp } from "./app.ts";\nimport { systemClock } from "./clock.ts";'],
		]);
		assert.deepEqual(layerViolations(synthetic), [
			"ceremonies/issue-register-token.ts → routes/schemas.ts: upward (ceremonies, management, apps → routes)",
			"management/set-aliases.ts → ceremonies/alias-hash.ts: across one layer (ceremonies, management, apps)",
			"store/cache-auth-lookups.ts → deps.ts: upward (WebAuthn, store implementations, export format, mail → Deps)",
			"store/store.ts → store/sqlite/sqlite-rows.ts: upward (store interfaces → WebAuthn, store implementations, export format, mail)",
			"webauthn/verify.ts → routes/route-context.ts: upward (WebAuthn, store implementations, export format, mail → routes)",
			"tokens/token-text.ts → ../test/support/random.ts: not in the layer table",
			"queues/pool.ts: not in the layer table",
		]);
	});

	it("reads the system clock and the CSPRNG only in clock.ts and random.ts", () => {
		const offenders = sources()
			.filter((p) => !/[/\\](clock|random)\.ts$/.test(p))
			.filter((p) => /Date\.now\(\)|new Date\(\)|getRandomValues|Math\.random/.test(code(p)))
			.map((p) => relative(SRC, p));
		assert.deepEqual(offenders, []);
	});

	it("lets ceremonies and management say what happened: routes build no audit event and no store call of their own writes", () => {
		const routes = sources().filter((p) => relative(SRC, p).startsWith("routes/") && !p.endsWith(".test.ts"));
		const building = routes.filter((p) => /eventType\s*:/.test(code(p))).map((p) => relative(SRC, p));
		assert.deepEqual(building, []);
		const writing = routes
			.filter((p) => /deps\.store\.\w+\.(put|create|save|delete|deleteUser|replaceForUser|take|add)\(/.test(code(p)))
			.map((p) => relative(SRC, p));
		assert.deepEqual(writing, []);
	});

	it("imports a database driver only from store/<dialect>/", () => {
		const offenders = sources()
			.filter((p) => !relative(SRC, p).startsWith("store/sqlite/") && !relative(SRC, p).startsWith("store/postgres/"))
			.filter((p) => /from "(better-sqlite3|pg)"/.test(code(p)))
			.map((p) => relative(SRC, p));
		assert.deepEqual(offenders, []);
	});

	it("keeps Fastify and SQL out of the pure WebAuthn, domain, ceremony and management code", () => {
		const offenders = sources()
			.filter((p) => /^(webauthn|domain|ceremonies|management)\//.test(relative(SRC, p)))
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
