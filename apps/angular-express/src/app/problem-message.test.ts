import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { problemMessage } from "./problem-message.ts";

describe("problemMessage", () => {
	it("says plainly that an account has no passkey", () => {
		assert.match(problemMessage("no_passkeys"), /^No passkey is registered for this account/);
	});

	it("falls back to the given title, or a generic sentence, naming the code", () => {
		assert.equal(problemMessage("rate_limited", "Too many requests"), "Too many requests (rate_limited)");
		assert.equal(problemMessage("odd_code"), "Something went wrong (odd_code). Try again.");
	});
});
