import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CoseAlgorithm } from "./cose-algorithm.ts";
import { encodeSpkiPublicKey } from "./encode-spki-public-key.ts";
import { generateCredentialKeyPair } from "./generate-credential-key-pair.ts";

describe("encodeSpkiPublicKey", () => {
	for (const alg of [CoseAlgorithm.ES256, CoseAlgorithm.EdDSA, CoseAlgorithm.RS256]) {
		it(`gives the same bytes as OpenSSL's SPKI export for alg ${alg}`, () => {
			for (let i = 0; i < (alg === CoseAlgorithm.RS256 ? 1 : 20); i++) {
				const { publicKey } = generateCredentialKeyPair(alg);
				assert.deepEqual(
					Buffer.from(encodeSpkiPublicKey(publicKey, alg)).toString("hex"),
					publicKey.export({ type: "spki", format: "der" }).toString("hex"),
				);
			}
		});
	}
});
