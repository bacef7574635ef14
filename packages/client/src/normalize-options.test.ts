import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeOptions } from "./normalize-options.ts";

const bytes = (...values: number[]): Uint8Array<ArrayBuffer> => new Uint8Array(values);

describe("normalizeOptions", () => {
	it("removes an empty allowCredentials so the browser offers every passkey of the site", () => {
		const options = normalizeOptions({ challenge: "AQID", rpId: "example.com", allowCredentials: [], userVerification: "preferred" });
		assert.equal("allowCredentials" in options, false);
		assert.deepEqual(options, { challenge: bytes(1, 2, 3), rpId: "example.com", userVerification: "preferred" });
	});

	it("leaves a missing allowCredentials missing and removes a null one", () => {
		assert.equal("allowCredentials" in normalizeOptions({ challenge: "AQID" }), false);
		assert.equal("allowCredentials" in normalizeOptions({ challenge: "AQID", allowCredentials: null }), false);
	});

	it("decodes the ids of a non-empty allowCredentials and keeps their other members", () => {
		const options = normalizeOptions({
			challenge: "AQID",
			allowCredentials: [{ type: "public-key", id: "-_8", transports: ["usb", "hybrid"], vendor: 1 }],
		});
		assert.deepEqual(options.allowCredentials, [{ type: "public-key", id: bytes(251, 255), transports: ["usb", "hybrid"], vendor: 1 }]);
	});

	it("decodes base64url and base64, padded or not", () => {
		for (const challenge of ["-_8", "-_8=", "+/8", "+/8="]) {
			assert.deepEqual(normalizeOptions({ challenge }).challenge, bytes(251, 255), challenge);
		}
		const padded = normalizeOptions({ challenge: "AQIDBA==", allowCredentials: [{ type: "public-key", id: "BQY=" }] });
		assert.deepEqual(padded.challenge, bytes(1, 2, 3, 4));
		assert.deepEqual(padded.allowCredentials?.[0]?.id, bytes(5, 6));
	});

	it("reads a Cognito WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS string", () => {
		const challenge = {
			ChallengeName: "WEB_AUTHN",
			ChallengeParameters: {
				CREDENTIAL_REQUEST_OPTIONS: JSON.stringify({
					challenge: "AQIDBA",
					timeout: 180000,
					rpId: "auth.example.com",
					allowCredentials: [],
					userVerification: "required",
				}),
			},
		};
		const options = normalizeOptions(challenge.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
		assert.deepEqual(options, { challenge: bytes(1, 2, 3, 4), timeout: 180000, rpId: "auth.example.com", userVerification: "required" });
	});

	it("passes unknown members through untouched", () => {
		const extensions = { prf: { eval: { first: "AAAA" } }, largeBlob: { support: "preferred" } };
		const options = normalizeOptions({
			challenge: "AQID",
			hints: ["security-key"],
			extensions,
			mediation: "conditional",
			vendorFlag: { a: [1] },
		});
		assert.equal(options.extensions, extensions);
		assert.deepEqual(options, {
			challenge: bytes(1, 2, 3),
			hints: ["security-key"],
			extensions,
			mediation: "conditional",
			vendorFlag: { a: [1] },
		});
	});

	it("decodes creation options: challenge, user.id and excludeCredentials ids (SimpleWebAuthn-style JSON)", () => {
		const options = normalizeOptions({
			rp: { id: "example.com", name: "Example" },
			user: { id: "MTIz", name: "ada", displayName: "Ada" },
			challenge: "AQID",
			pubKeyCredParams: [{ type: "public-key", alg: -7 }],
			excludeCredentials: [{ type: "public-key", id: "BQY", transports: ["internal"] }],
			authenticatorSelection: { residentKey: "required" },
			extensions: { credProps: true },
		});
		assert.deepEqual(options.user, { id: new TextEncoder().encode("123"), name: "ada", displayName: "Ada" });
		assert.deepEqual(options.excludeCredentials, [{ type: "public-key", id: bytes(5, 6), transports: ["internal"] }]);
		assert.deepEqual(options.rp, { id: "example.com", name: "Example" });
		assert.deepEqual(options.extensions, { credProps: true });
	});

	it("drops an empty excludeCredentials, which excludes nothing", () => {
		const options = normalizeOptions({ challenge: "AQID", user: { id: "AQ", name: "a", displayName: "a" }, excludeCredentials: [] });
		assert.equal("excludeCredentials" in options, false);
	});

	it("unwraps a { publicKey } object and keeps bytes that are already decoded", () => {
		const challenge = bytes(9, 9);
		const options = normalizeOptions({ publicKey: { challenge, allowCredentials: [{ type: "public-key", id: "AQ" }] } });
		assert.equal(options.challenge, challenge);
		assert.deepEqual(options.allowCredentials, [{ type: "public-key", id: bytes(1) }]);
	});

	it("does not modify its input", () => {
		const input = { challenge: "AQID", allowCredentials: [{ type: "public-key", id: "AQ" }] };
		const copy = structuredClone(input);
		normalizeOptions(input);
		assert.deepEqual(input, copy);
	});

	it("throws on text that is neither JSON nor base64", () => {
		assert.throws(() => normalizeOptions("not json"), SyntaxError);
		assert.throws(() => normalizeOptions({ challenge: "not base64!" }), { name: "InvalidCharacterError" });
	});
});
