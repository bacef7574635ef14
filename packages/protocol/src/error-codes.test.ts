import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ERROR_CODES, isErrorCode } from "./error-codes.ts";

describe("ERROR_CODES", () => {
	it("matches docs/errors.md in both directions (code, status, title)", () => {
		const doc = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8");
		const rows = new Map<string, { status: number; title: string }>();
		for (const line of doc.split("\n")) {
			const match = /^\| `([a-z0-9_]+)` \| (\d{3}) \| ([^|]+) \|/.exec(line);
			if (match) rows.set(match[1] as string, { status: Number(match[2]), title: (match[3] as string).trim() });
		}
		const catalog = new Map(Object.entries(ERROR_CODES).map(([code, e]) => [code, { status: e.status, title: e.title }]));
		assert.deepEqual([...rows.keys()].sort(), [...catalog.keys()].sort());
		for (const [code, entry] of catalog) assert.deepEqual(rows.get(code), entry, code);
	});

	it("uses snake_case codes and 4xx/5xx statuses", () => {
		for (const [code, entry] of Object.entries(ERROR_CODES)) {
			assert.match(code, /^[a-z][a-z0-9_]*$/);
			assert.ok(entry.status >= 400 && entry.status < 600, code);
		}
	});

	it("tells catalog codes from other strings", () => {
		assert.equal(isErrorCode("expired_token"), true);
		assert.equal(isErrorCode("toString"), false);
		assert.equal(isErrorCode(42), false);
	});
});
