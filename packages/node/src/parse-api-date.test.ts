import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseApiDate } from "./parse-api-date.ts";
import { parseOptionalApiDate } from "./parse-optional-api-date.ts";

describe("parseApiDate", () => {
	it("reads a timestamp without an offset as UTC, whatever the local time zone", () => {
		assert.equal(parseApiDate("2023-04-21T13:33:50.0764103", "createdAt").toISOString(), "2023-04-21T13:33:50.076Z");
		assert.equal(parseApiDate("2023-04-21T13:33", "createdAt").toISOString(), "2023-04-21T13:33:00.000Z");
	});

	it("honours Z and explicit offsets", () => {
		assert.equal(parseApiDate("2024-05-01T12:00:00.1234567Z", "t").toISOString(), "2024-05-01T12:00:00.123Z");
		assert.equal(parseApiDate("2024-05-01T12:00:00+02:00", "t").toISOString(), "2024-05-01T10:00:00.000Z");
	});

	it("throws invalid_response naming the field for a non-date", () => {
		assert.throws(() => parseApiDate("yesterday", "expiresAt"), {
			errorCode: "invalid_response",
			detail: 'expiresAt is not a date-time: "yesterday".',
		});
		assert.throws(() => parseApiDate(null, "expiresAt"), { errorCode: "invalid_response" });
	});
});

describe("parseOptionalApiDate", () => {
	it("passes null and absent values as null", () => {
		assert.equal(parseOptionalApiDate(null, "lastUsedAt"), null);
		assert.equal(parseOptionalApiDate(undefined, "lastUsedAt"), null);
		assert.deepEqual(parseOptionalApiDate("2025-01-01T00:00:00Z", "lastUsedAt"), new Date("2025-01-01T00:00:00Z"));
	});
});
