import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toTimeSpan } from "./to-time-span.ts";

describe("toTimeSpan", () => {
	it("writes hh:mm:ss below a day and d.hh:mm:ss from a day on", () => {
		assert.equal(toTimeSpan(0), "00:00:00");
		assert.equal(toTimeSpan(90), "00:01:30");
		assert.equal(toTimeSpan(180), "00:03:00");
		assert.equal(toTimeSpan(86399), "23:59:59");
		assert.equal(toTimeSpan(86400), "1.00:00:00");
		assert.equal(toTimeSpan(604800), "7.00:00:00");
	});

	it("refuses negative and fractional seconds", () => {
		assert.throws(() => toTimeSpan(-1), RangeError);
		assert.throws(() => toTimeSpan(1.5), RangeError);
		assert.throws(() => toTimeSpan(Number.NaN), RangeError);
	});
});
