import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseUtcDate } from "./parse-utc-date.ts";

describe("parseUtcDate", () => {
	it("reads a date-time without an offset as UTC", () => {
		assert.equal(parseUtcDate("2025-01-01T12:00:00")?.toISOString(), "2025-01-01T12:00:00.000Z");
		assert.equal(parseUtcDate("2025-01-01")?.toISOString(), "2025-01-01T00:00:00.000Z");
	});

	it("honours Z and offsets, and up to 9 fractional digits", () => {
		assert.equal(parseUtcDate("2025-01-01T12:00:00Z")?.toISOString(), "2025-01-01T12:00:00.000Z");
		assert.equal(parseUtcDate("2025-01-01T12:00:00+02:00")?.toISOString(), "2025-01-01T10:00:00.000Z");
		assert.equal(parseUtcDate("2025-01-01T12:00:00.123456789Z")?.toISOString(), "2025-01-01T12:00:00.123Z");
	});

	it("returns null for anything else", () => {
		for (const text of ["", "tomorrow", "2025-13-01T00:00:00", "2025-01-01T25:00:00", "1735689600"])
			assert.equal(parseUtcDate(text), null, text);
	});
});
