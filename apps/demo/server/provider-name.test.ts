import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { providerName } from "./provider-name.ts";

describe("providerName", () => {
	it("names well-known passkey providers by AAGUID, in any case", () => {
		assert.equal(providerName("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"), "Google Password Manager");
		assert.equal(providerName("FBFC3007-154E-4ECC-8C0B-6E020557D7BD"), "iCloud Keychain");
		assert.equal(providerName("6028b017-b1d4-4c02-b4b3-afcdafc96bb2"), "Windows Hello");
	});

	it("answers null for the all-zero and unknown AAGUIDs", () => {
		assert.equal(providerName("00000000-0000-0000-0000-000000000000"), null);
		assert.equal(providerName("01234567-89ab-cdef-0123-456789abcdef"), null);
	});
});
