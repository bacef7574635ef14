import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeBase64Url } from "./decode-base64url.ts";
import { encodeBase64Url } from "./encode-base64url.ts";

describe("encodeBase64Url", () => {
	it("uses the URL alphabet without padding", () => {
		assert.equal(encodeBase64Url(new Uint8Array([251, 255])), "-_8");
		assert.equal(encodeBase64Url(new Uint8Array([])), "");
	});

	it("round-trips through decodeBase64Url for every length", () => {
		for (let length = 0; length < 70; length += 1) {
			const bytes = crypto.getRandomValues(new Uint8Array(length));
			assert.deepEqual(decodeBase64Url(encodeBase64Url(bytes)), bytes);
		}
	});
});

describe("decodeBase64Url", () => {
	it("accepts padded input and rejects invalid characters", () => {
		assert.deepEqual(decodeBase64Url("-_8="), new Uint8Array([251, 255]));
		assert.throws(() => decodeBase64Url("a+b/"), TypeError);
		assert.throws(() => decodeBase64Url("abcde"), TypeError);
	});
});
