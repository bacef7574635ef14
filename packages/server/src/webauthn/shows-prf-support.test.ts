import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { showsPrfSupport } from "./shows-prf-support.ts";

describe("showsPrfSupport", () => {
	it("is true for prf.enabled at registration and for PRF results at a sign-in", () => {
		assert.equal(showsPrfSupport({ prf: { enabled: true } }), true);
		assert.equal(showsPrfSupport({ prf: { results: { first: "AQ" } } }), true);
	});

	it("is false without prf, with enabled false, and for malformed members", () => {
		for (const extensions of [
			undefined,
			null,
			{},
			{ prf: { enabled: false } },
			{ prf: "yes" },
			{ prf: null },
			{ prf: { enabled: "true" } },
		]) {
			assert.equal(showsPrfSupport(extensions as Record<string, unknown> | null | undefined), false, JSON.stringify(extensions));
		}
	});
});
