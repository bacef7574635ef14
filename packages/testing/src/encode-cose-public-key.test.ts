import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeCBOR } from "@levischuck/tiny-cbor";
import { CoseAlgorithm } from "./cose-algorithm.ts";
import { encodeCosePublicKey } from "./encode-cose-public-key.ts";
import { generateCredentialKeyPair } from "./generate-credential-key-pair.ts";

function decodeKey(alg: CoseAlgorithm): Map<string | number, unknown> {
	const decoded = decodeCBOR(encodeCosePublicKey(generateCredentialKeyPair(alg).publicKey, alg));
	assert.ok(decoded instanceof Map);
	return decoded;
}

describe("encodeCosePublicKey", () => {
	it("encodes ES256 keys as EC2 P-256 with 32-byte x and y", () => {
		const key = decodeKey(CoseAlgorithm.ES256);
		assert.deepEqual([key.get(1), key.get(3), key.get(-1)], [2, -7, 1]);
		assert.equal((key.get(-2) as Uint8Array).length, 32);
		assert.equal((key.get(-3) as Uint8Array).length, 32);
	});

	it("encodes EdDSA keys as OKP Ed25519 with a 32-byte x", () => {
		const key = decodeKey(CoseAlgorithm.EdDSA);
		assert.deepEqual([key.get(1), key.get(3), key.get(-1)], [1, -8, 6]);
		assert.equal((key.get(-2) as Uint8Array).length, 32);
	});

	it("encodes RS256 keys as RSA with a 2048-bit n and e = 65537", () => {
		const key = decodeKey(CoseAlgorithm.RS256);
		assert.deepEqual([key.get(1), key.get(3)], [3, -257]);
		assert.equal((key.get(-1) as Uint8Array).length, 256);
		assert.deepEqual(key.get(-2), new Uint8Array([1, 0, 1]));
	});
});
