import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromBase64 } from "./from-base64.ts";

describe("fromBase64", () => {
	it("decodes both alphabets, with and without padding", () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		const standard = Buffer.from(all).toString("base64");
		for (const text of [standard, standard.replace(/=+$/, ""), Buffer.from(all).toString("base64url")]) {
			assert.deepEqual(fromBase64(text), all);
		}
	});

	it("decodes the empty string to no bytes", () => {
		assert.deepEqual(fromBase64(""), new Uint8Array());
	});
});
