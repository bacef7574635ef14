import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseTimeToLive } from "./parse-time-to-live.ts";
import { toTimeSpan } from "./to-time-span.ts";

describe("parseTimeToLive", () => {
	it("reads seconds and TimeSpan strings", () => {
		assert.equal(parseTimeToLive(120), 120);
		assert.equal(parseTimeToLive("00:02:00"), 120);
		assert.equal(parseTimeToLive("7.00:00:00"), 604800);
		assert.equal(parseTimeToLive("00:00:05.5000000"), 5);
	});

	it("round-trips toTimeSpan", () => {
		for (const seconds of [0, 59, 3600, 86399, 90061]) assert.equal(parseTimeToLive(toTimeSpan(seconds)), seconds);
	});

	it("throws invalid_response for anything else", () => {
		for (const value of ["2 minutes", null, {}, Number.POSITIVE_INFINITY]) {
			assert.throws(() => parseTimeToLive(value), { errorCode: "invalid_response" });
		}
	});
});
