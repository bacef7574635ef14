import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAmountCents } from "./parse-amount-cents.ts";

describe("parseAmountCents", () => {
	it("reads dollars with up to two decimals as cents", () => {
		assert.equal(parseAmountCents("12.50"), 1250);
		assert.equal(parseAmountCents(" 7 "), 700);
		assert.equal(parseAmountCents(0.1), 10);
		assert.equal(parseAmountCents("10000"), 1_000_000);
	});

	it("refuses zero, negatives, too many decimals, too much and non-numbers", () => {
		for (const value of ["0", "0.00", "-5", "1.005", "10000.01", "1e3", "abc", "", null, undefined, {}]) {
			assert.equal(parseAmountCents(value), null, String(value));
		}
	});
});
