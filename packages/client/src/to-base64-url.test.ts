import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromBase64 } from "./from-base64.ts";
import { toBase64Url } from "./to-base64-url.ts";

describe("toBase64Url", () => {
	it("encodes an ArrayBuffer or a Uint8Array as unpadded base64url", () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		assert.equal(toBase64Url(all), Buffer.from(all).toString("base64url"));
		assert.equal(toBase64Url(all.buffer), Buffer.from(all).toString("base64url"));
	});

	it("round-trips through fromBase64", () => {
		for (let length = 0; length < 8; length++) {
			const bytes = Uint8Array.from({ length }, (_, i) => 255 - i * 7);
			assert.deepEqual(fromBase64(toBase64Url(bytes)), bytes);
		}
	});
});
