import assert from "node:assert/strict";
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { CoseAlgorithm, decodeBase64Url, encodeCosePublicKey, generateCredentialKeyPair } from "@latchkey/testing";
import { coseToJwk } from "./cose-key.ts";
import { loadWebAuthnHelpers } from "./simplewebauthn.ts";

const helpers = await loadWebAuthnHelpers();
/** A COSE_Key map of the test's own, for keys the software authenticator does not make. */
const cbor = (entries: [number, number | Uint8Array][]): Uint8Array => helpers.isoCBOR.encode(new Map(entries));
const bytes = (b64url: string | undefined): Uint8Array => decodeBase64Url(b64url ?? "");

describe("coseToJwk", () => {
	for (const [name, alg, expected] of [
		["ES256 (EC2, P-256)", CoseAlgorithm.ES256, { kty: "EC", crv: "P-256" }],
		["EdDSA (OKP, Ed25519)", CoseAlgorithm.EdDSA, { kty: "OKP", crv: "Ed25519" }],
		["RS256 (RSA)", CoseAlgorithm.RS256, { kty: "RSA" }],
	] as const) {
		it(`turns an ${name} COSE key into the JWK of the same public key`, () => {
			const { publicKey } = generateCredentialKeyPair(alg);
			const converted = coseToJwk(encodeCosePublicKey(publicKey, alg), helpers);
			assert.equal(converted.alg, alg);
			assert.deepEqual(converted.jwk, { ...publicKey.export({ format: "jwk" }), ...expected });
			assert.ok(createPublicKey({ key: converted.jwk, format: "jwk" }).equals(publicKey));
		});
	}

	it("names the curve of P-384 and P-521 keys (COSE crv 2 and 3)", () => {
		for (const [namedCurve, crv, alg] of [
			["P-384", 2, -35],
			["P-521", 3, -36],
		] as const) {
			const jwk = generateKeyPairSync("ec", { namedCurve }).publicKey.export({ format: "jwk" });
			const cose = cbor([
				[1, 2],
				[3, alg],
				[-1, crv],
				[-2, bytes(jwk.x)],
				[-3, bytes(jwk.y)],
			]);
			assert.deepEqual(coseToJwk(cose, helpers), { alg, jwk: { kty: "EC", crv: namedCurve, x: jwk.x, y: jwk.y } });
		}
	});

	it("throws for a key it cannot use: no algorithm, an unknown curve or key type, a missing member, bytes that are not CBOR", () => {
		const { x, y } = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "jwk" });
		const cases: [string, Uint8Array, RegExp][] = [
			[
				"no alg",
				cbor([
					[1, 2],
					[-1, 1],
					[-2, bytes(x)],
					[-3, bytes(y)],
				]),
				/no algorithm/,
			],
			[
				"EC curve 8",
				cbor([
					[1, 2],
					[3, -7],
					[-1, 8],
					[-2, bytes(x)],
					[-3, bytes(y)],
				]),
				/unsupported EC curve/,
			],
			[
				"EC without y",
				cbor([
					[1, 2],
					[3, -7],
					[-1, 1],
					[-2, bytes(x)],
				]),
				/member missing/,
			],
			[
				"OKP X25519",
				cbor([
					[1, 1],
					[3, -8],
					[-1, 4],
					[-2, bytes(x)],
				]),
				/unsupported OKP curve/,
			],
			[
				"symmetric key",
				cbor([
					[1, 4],
					[3, 5],
					[-1, bytes(x)],
				]),
				/unsupported COSE key type/,
			],
			["not CBOR", new Uint8Array([0xff, 0x00]), /./],
		];
		for (const [name, cose, message] of cases) assert.throws(() => coseToJwk(cose, helpers), message, name);
	});
});
