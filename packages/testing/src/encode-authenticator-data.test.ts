import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { encodeAuthenticatorData } from "./encode-authenticator-data.ts";

describe("encodeAuthenticatorData", () => {
	it("lays out the RP ID hash, flags and big-endian counter", () => {
		const data = encodeAuthenticatorData("example.com", {
			flags: { up: true, uv: true, be: true, bs: false },
			signCount: 0x01020304,
		});
		assert.equal(data.length, 37);
		assert.deepEqual(data.subarray(0, 32), new Uint8Array(createHash("sha256").update("example.com").digest()));
		assert.equal(data[32], 0x01 | 0x04 | 0x08);
		assert.deepEqual(data.subarray(33, 37), new Uint8Array([1, 2, 3, 4]));
	});

	it("sets AT and appends AAGUID, id length, id and key for registrations", () => {
		const credentialId = new Uint8Array(20).fill(7);
		const cosePublicKey = new Uint8Array([0xa0]);
		const data = encodeAuthenticatorData("example.com", {
			flags: { up: false, uv: false, be: false, bs: true },
			signCount: 0,
			attestedCredential: { aaguid: new Uint8Array(16), credentialId, cosePublicKey },
		});
		assert.equal(data[32], 0x10 | 0x40);
		assert.deepEqual(data.subarray(53, 55), new Uint8Array([0, 20]));
		assert.deepEqual(data.subarray(55, 75), credentialId);
		assert.deepEqual(data.subarray(75), cosePublicKey);
	});

	it("rejects counters outside 32 bits", () => {
		const flags = { up: true, uv: true, be: false, bs: false };
		assert.throws(() => encodeAuthenticatorData("example.com", { flags, signCount: 2 ** 32 }), RangeError);
	});
});
