import assert from "node:assert/strict";
import { constants, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { before, describe, it } from "node:test";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { coseToKeyObject } from "./cose-key-object.ts";
import { KeyCache } from "./key-cache.ts";
import { loadWebAuthnHelpers } from "./simplewebauthn.ts";
import { verifySignature } from "./verify-signature.ts";

before(loadWebAuthnHelpers);

const bytes = (b64url: string | undefined): Uint8Array => new Uint8Array(Buffer.from(b64url ?? "", "base64url"));

/** Encodes a node public key as a COSE_Key map (the test's own encoder; the server only decodes). */
function toCose(publicKey: KeyObject, alg: number): Uint8Array {
	const jwk = publicKey.export({ format: "jwk" });
	const map = new Map<number, number | Uint8Array>();
	if (jwk.kty === "EC") {
		const crv = { "P-256": 1, "P-384": 2, "P-521": 3 }[jwk.crv as string] ?? 0;
		for (const [k, v] of [
			[1, 2],
			[3, alg],
			[-1, crv],
			[-2, bytes(jwk.x)],
			[-3, bytes(jwk.y)],
		] as const)
			map.set(k, v);
	} else if (jwk.kty === "RSA") {
		for (const [k, v] of [
			[1, 3],
			[3, alg],
			[-1, bytes(jwk.n)],
			[-2, bytes(jwk.e)],
		] as const)
			map.set(k, v);
	} else {
		for (const [k, v] of [
			[1, 1],
			[3, alg],
			[-1, 6],
			[-2, bytes(jwk.x)],
		] as const)
			map.set(k, v);
	}
	return isoCBOR.encode(map as never);
}

const CASES: [string, number, () => { publicKey: KeyObject; privateKey: KeyObject }, (data: Buffer, key: KeyObject) => Buffer][] = [
	["ES256", -7, () => generateKeyPairSync("ec", { namedCurve: "P-256" }), (d, k) => sign("sha256", d, { key: k, dsaEncoding: "der" })],
	["ES384", -35, () => generateKeyPairSync("ec", { namedCurve: "P-384" }), (d, k) => sign("sha384", d, { key: k, dsaEncoding: "der" })],
	["ES512", -36, () => generateKeyPairSync("ec", { namedCurve: "P-521" }), (d, k) => sign("sha512", d, { key: k, dsaEncoding: "der" })],
	["RS256", -257, () => generateKeyPairSync("rsa", { modulusLength: 2048 }), (d, k) => sign("sha256", d, k)],
	["RS384", -258, () => generateKeyPairSync("rsa", { modulusLength: 2048 }), (d, k) => sign("sha384", d, k)],
	["RS512", -259, () => generateKeyPairSync("rsa", { modulusLength: 2048 }), (d, k) => sign("sha512", d, k)],
	[
		"PS256",
		-37,
		() => generateKeyPairSync("rsa", { modulusLength: 2048 }),
		(d, k) => sign("sha256", d, { key: k, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
	],
	[
		"PS384",
		-38,
		() => generateKeyPairSync("rsa", { modulusLength: 2048 }),
		(d, k) => sign("sha384", d, { key: k, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }),
	],
	[
		"PS512",
		-39,
		() => generateKeyPairSync("rsa", { modulusLength: 2048 }),
		(d, k) => sign("sha512", d, { key: k, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 }),
	],
	["EdDSA", -8, () => generateKeyPairSync("ed25519"), (d, k) => sign(null, d, k)],
];

describe("verifySignature", () => {
	for (const [name, alg, keys, signWith] of CASES) {
		it(`accepts a ${name} signature and refuses it over other data or from another key`, () => {
			const { publicKey, privateKey } = keys();
			const data = Buffer.from("authenticatorData ‖ clientDataHash");
			const signature = signWith(data, privateKey);
			const key = coseToKeyObject(toCose(publicKey, alg));
			assert.equal(key.alg, alg);
			assert.equal(verifySignature(key, { data, signature }), true);
			assert.equal(verifySignature(key, { data: Buffer.from("other data"), signature }), false);
			const stranger = coseToKeyObject(toCose(keys().publicKey, alg));
			assert.equal(verifySignature(stranger, { data, signature }), false);
		});
	}

	it("refuses an algorithm it does not know and a garbage signature", () => {
		const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
		const key = coseToKeyObject(toCose(publicKey, -7));
		assert.equal(verifySignature({ ...key, alg: -47 }, { data: Buffer.from("x"), signature: Buffer.from("y") }), false);
		assert.equal(verifySignature(key, { data: Buffer.from("x"), signature: Buffer.alloc(0) }), false);
	});
});

describe("KeyCache", () => {
	it("keeps a key from its second use, returns the same object then, and stays within its capacity", () => {
		const cache = new KeyCache({ capacity: 2, seenCapacity: 10 });
		const coses = [1, 2, 3].map(() => toCose(generateKeyPairSync("ed25519").publicKey, -8)) as Uint8Array[];
		const once = cache.get(coses[0] as Uint8Array);
		assert.equal(cache.size, 0, "a key used once is not kept");
		const second = cache.get(coses[0] as Uint8Array);
		assert.notEqual(second, once);
		assert.equal(cache.get(coses[0] as Uint8Array), second, "from its second use it is the cached object");
		for (const cose of coses) cache.get(cose);
		for (const cose of coses) cache.get(cose);
		assert.equal(cache.size, 2);
		assert.throws(() => cache.get(new Uint8Array([0xa0])), /algorithm/);
	});

	it("forgets once-used keys when too many pile up, so a stream of new passkeys keeps nothing", () => {
		const cache = new KeyCache({ capacity: 100, seenCapacity: 3 });
		const coses = Array.from({ length: 8 }, () => toCose(generateKeyPairSync("ed25519").publicKey, -8));
		for (const cose of coses) cache.get(cose);
		cache.get(coses[0] as Uint8Array); // seen before the set was cleared: still a first use
		assert.equal(cache.size, 0);
	});

	it("admits at most admitPerSecond keys a second, so a working set larger than the cache churns slowly", () => {
		let now = 0;
		const cache = new KeyCache({ capacity: 100, admitPerSecond: 2, now: () => now });
		const coses = Array.from({ length: 5 }, () => toCose(generateKeyPairSync("ed25519").publicKey, -8));
		for (const cose of coses) cache.get(cose);
		for (const cose of coses) cache.get(cose);
		assert.equal(cache.size, 2, "two admitted in this second");
		now = 1000;
		for (const cose of coses) cache.get(cose);
		assert.equal(cache.size, 4, "two more in the next");
	});
});
