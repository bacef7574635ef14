import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { constants, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { after, describe, it } from "node:test";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { coseToJwk } from "../webauthn/cose-key.ts";
import { loadWebAuthnHelpers } from "../webauthn/simplewebauthn.ts";
import { KeyCache } from "./key-cache.ts";
import { createSignatureChecker, type SignatureJob } from "./signature-checker.ts";
import { createSignatureVerifier } from "./signature-verifier.ts";

const helpers = await loadWebAuthnHelpers();

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

describe("createSignatureChecker", () => {
	/** A job for a key, from its COSE form as the server stores it. */
	const jobOf = (publicKey: KeyObject, alg: number, data: Uint8Array, signature: Uint8Array): SignatureJob => ({
		keyId: Buffer.from(toCose(publicKey, alg)).toString("base64"),
		...coseToJwk(toCose(publicKey, alg), helpers),
		data,
		signature,
	});

	for (const [name, alg, keys, signWith] of CASES) {
		it(`accepts a ${name} signature and refuses it over other data or from another key`, () => {
			const check = createSignatureChecker(crypto);
			const { publicKey, privateKey } = keys();
			const data = Buffer.from("authenticatorData ‖ clientDataHash");
			const signature = signWith(data, privateKey);
			assert.equal(coseToJwk(toCose(publicKey, alg), helpers).alg, alg);
			assert.equal(check(jobOf(publicKey, alg, data, signature)), "valid");
			assert.equal(check(jobOf(publicKey, alg, Buffer.from("other data"), signature)), "invalid");
			assert.equal(check(jobOf(keys().publicKey, alg, data, signature)), "invalid");
		});
	}

	it("refuses an algorithm it does not know and a garbage signature, and names a key it cannot import", () => {
		const check = createSignatureChecker(crypto);
		const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
		const job = jobOf(publicKey, -7, Buffer.from("x"), Buffer.from("y"));
		assert.equal(check({ ...job, alg: -47 }), "invalid");
		assert.equal(check({ ...job, signature: Buffer.alloc(0) }), "invalid");
		assert.equal(check({ ...job, jwk: { kty: "EC", crv: "P-256", x: "AAAA", y: "AAAA" } }), "unusable_key");
	});

	it("keeps a key when asked, uses it without the JWK, and lets go of it when told", () => {
		const check = createSignatureChecker(crypto);
		const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
		const data = Buffer.from("signed");
		const signature = sign("sha256", data, { key: privateKey, dsaEncoding: "der" });
		const { keyId, ...full } = jobOf(publicKey, -7, data, signature);
		assert.equal(check({ keyId, data, signature }), "key_missing", "nothing kept yet");
		assert.equal(check({ keyId, ...full, keep: true }), "valid");
		assert.equal(check({ keyId, data, signature }), "valid", "the kept key, algorithm included");
		assert.equal(check({ keyId: "other", data, signature, drop: keyId }), "key_missing");
		assert.equal(check({ keyId, data, signature }), "key_missing", "dropped");
	});
});

describe("KeyCache", () => {
	it("keeps a key from its second use, then finds it, and drops the least recent beyond its capacity", () => {
		const cache = new KeyCache({ capacity: 2, seenCapacity: 10 });
		assert.deepEqual(cache.plan("a"), { cached: false, keep: false }, "a key used once is not kept");
		assert.deepEqual(cache.plan("a"), { cached: false, keep: true });
		assert.deepEqual(cache.plan("a"), { cached: true, keep: false });
		cache.plan("b");
		assert.deepEqual(cache.plan("b"), { cached: false, keep: true });
		cache.plan("a"); // now the most recent
		cache.plan("c");
		assert.deepEqual(cache.plan("c"), { cached: false, keep: true, drop: "b" });
		assert.equal(cache.size, 2);
		cache.forget("a");
		assert.equal(cache.plan("a").cached, false);
		cache.forget();
		assert.equal(cache.size, 0);
	});

	it("forgets once-used keys when too many pile up, so a stream of new passkeys keeps nothing", () => {
		const cache = new KeyCache({ capacity: 100, seenCapacity: 3 });
		for (const id of ["a", "b", "c", "d", "e"]) cache.plan(id);
		assert.equal(cache.plan("a").keep, false, "seen before the set was cleared: still a first use");
		assert.equal(cache.size, 0);
	});

	it("admits at most admitPerSecond keys a second, so a working set larger than the cache churns slowly", () => {
		let now = 0;
		const cache = new KeyCache({ capacity: 100, admitPerSecond: 2, now: () => now });
		const ids = ["a", "b", "c", "d", "e"];
		for (const id of ids) cache.plan(id);
		for (const id of ids) cache.plan(id);
		assert.equal(cache.size, 2, "two admitted in this second");
		now = 1000;
		for (const id of ids) cache.plan(id);
		assert.equal(cache.size, 4, "two more in the next");
	});
});

describe("createSignatureVerifier", () => {
	const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
	const coseKey = toCose(publicKey, -7);
	const data = Buffer.from("authenticatorData ‖ clientDataHash");
	const signature = sign("sha256", data, { key: privateKey, dsaEncoding: "der" });
	const threaded = createSignatureVerifier({ threads: 2 });
	after(() => threaded.close());

	for (const [name, verifier] of [
		["in the caller's thread", createSignatureVerifier({ threads: 0 })],
		["on signature threads", threaded],
	] as const) {
		it(`checks ${name}: valid, invalid, an unusable key, and again with the kept key`, async () => {
			for (let i = 0; i < 4; i++) {
				assert.equal(await verifier.check({ coseKey, data, signature }), "valid", `use ${i + 1}`);
				assert.equal(await verifier.check({ coseKey, data: Buffer.from("other"), signature }), "invalid");
			}
			assert.equal(await verifier.check({ coseKey: new Uint8Array([0xa0]), data, signature }), "unusable_key");
			const many = await Promise.all(Array.from({ length: 50 }, () => verifier.check({ coseKey, data, signature })));
			assert.deepEqual(new Set(many), new Set(["valid"]));
		});
	}

	it("fails the checks still out when it is closed, and starts a new thread for the next one", async () => {
		// On Node 22 a signature thread that is not online yet may not hold the event loop open, so a test process with
		// nothing else to do can end under a pending check; a server's listening socket holds it open. The timer stands
		// in for that socket (Node 24 needs none).
		const keepAlive = setInterval(() => {}, 1000);
		try {
			const verifier = createSignatureVerifier({ threads: 1 });
			verifier.warm();
			// A first check loads the COSE decoder (a new verifier's first check awaits it), so the next one is out at once.
			assert.equal(await verifier.check({ coseKey, data, signature }), "valid");
			const refused = assert.rejects(verifier.check({ coseKey, data, signature }), /stopped/);
			await verifier.close();
			await refused;
			assert.equal(await verifier.check({ coseKey, data, signature }), "valid");
			await verifier.close();
		} finally {
			clearInterval(keepAlive);
		}
	});

	it("answers from the caller's thread when a thread fails, and stops starting threads after three failures", async () => {
		const failures: string[] = [];
		const verifier = createSignatureVerifier({
			threads: 1,
			source: "throw new Error('broken thread')",
			onFailure: (error) => failures.push(error.message),
		});
		for (let i = 0; i < 5; i++) assert.equal(await verifier.check({ coseKey, data, signature }), "valid", `check ${i + 1}`);
		assert.equal(failures.length, 3);
		assert.match(failures[0] ?? "", /broken thread/);
		await verifier.close();
	});
});
