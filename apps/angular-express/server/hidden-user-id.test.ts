import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hiddenUserId } from "./hidden-user-id.ts";

describe("hiddenUserId", () => {
	it("is stable per e-mail and secret, shaped like a stored id, and differs with either", () => {
		const id = hiddenUserId("nobody@example.com", "secret-one");
		assert.match(id, /^usr_[0-9a-f]{24}$/);
		assert.equal(hiddenUserId("nobody@example.com", "secret-one"), id);
		assert.notEqual(hiddenUserId("nobody@example.com", "secret-two"), id);
		assert.notEqual(hiddenUserId("somebody@example.com", "secret-one"), id);
	});
});
