import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { verifyAuthenticationResponse, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { AttestationFormat } from "./attestation-format.ts";
import type { AuthenticationResponseJSON } from "./authentication-response-json.ts";
import { CoseAlgorithm } from "./cose-algorithm.ts";
import type { CreateCredentialOptions } from "./create-credential-options.ts";
import { decodeBase64Url } from "./decode-base64url.ts";
import { encodeBase64Url } from "./encode-base64url.ts";
import type { ExportedCredential } from "./exported-credential.ts";
import type { GetAssertionOptions } from "./get-assertion-options.ts";
import type { PublicKeyCredentialCreationOptionsJSON } from "./public-key-credential-creation-options-json.ts";
import type { RegistrationResponseJSON } from "./registration-response-json.ts";
import { SoftAuthenticator } from "./soft-authenticator.ts";

const ORIGIN = "https://login.example.com";
const RP_ID = "example.com";
const ALGORITHMS: [string, CoseAlgorithm][] = [
	["ES256", CoseAlgorithm.ES256],
	["RS256", CoseAlgorithm.RS256],
	["EdDSA", CoseAlgorithm.EdDSA],
];
const FORMATS: AttestationFormat[] = ["none", "packed"];

function newChallenge(): string {
	return encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function creationOptions(algs: number[] = [-7, -8, -257]): PublicKeyCredentialCreationOptionsJSON {
	return {
		challenge: newChallenge(),
		rp: { id: RP_ID, name: "Example" },
		user: { id: encodeBase64Url(new TextEncoder().encode("user-1")), name: "ada", displayName: "Ada" },
		pubKeyCredParams: algs.map((alg) => ({ type: "public-key", alg })),
		authenticatorSelection: { residentKey: "required", userVerification: "required" },
	};
}

async function verifyRegistration(response: RegistrationResponseJSON, challenge: string): Promise<boolean> {
	const result = await verifyRegistrationResponse({
		response,
		expectedChallenge: challenge,
		expectedOrigin: ORIGIN,
		expectedRPID: RP_ID,
		requireUserVerification: true,
	});
	return result.verified;
}

interface AssertionOutcome {
	verified: boolean;
	newCounter: number;
}

async function verifyAssertion(
	response: AuthenticationResponseJSON,
	challenge: string,
	credential: ExportedCredential,
): Promise<AssertionOutcome> {
	const result = await verifyAuthenticationResponse({
		response,
		expectedChallenge: challenge,
		expectedOrigin: ORIGIN,
		expectedRPID: RP_ID,
		requireUserVerification: true,
		credential: { id: credential.id, publicKey: decodeBase64Url(credential.publicKey), counter: credential.counter },
	});
	return { verified: result.verified, newCounter: result.authenticationInfo.newCounter };
}

describe("SoftAuthenticator", () => {
	for (const [name, alg] of ALGORITHMS) {
		for (const format of FORMATS) {
			it(`registers and authenticates with ${name} and ${format} attestation`, async () => {
				const authenticator = new SoftAuthenticator({ attestationFormat: format });
				const options = creationOptions([alg]);
				const registration = authenticator.createCredential(options, { origin: ORIGIN });
				const result = await verifyRegistrationResponse({
					response: registration,
					expectedChallenge: options.challenge,
					expectedOrigin: ORIGIN,
					expectedRPID: RP_ID,
				});
				assert.equal(result.verified, true);
				assert.equal(result.registrationInfo?.fmt, format);
				assert.equal(registration.response.publicKeyAlgorithm, alg);
				const stored = authenticator.exportCredential(registration.id);
				assert.deepEqual(result.registrationInfo?.credential.publicKey, decodeBase64Url(stored.publicKey));

				const challenge = newChallenge();
				const assertion = authenticator.getAssertion(
					{ challenge, rpId: RP_ID, allowCredentials: [{ id: registration.id, type: "public-key" }] },
					{ origin: ORIGIN },
				);
				assert.deepEqual(await verifyAssertion(assertion, challenge, stored), { verified: true, newCounter: 1 });
			});
		}
	}

	it("produces the toJSON() shape with base64url fields", () => {
		const authenticator = new SoftAuthenticator();
		const registration = authenticator.createCredential(creationOptions(), { origin: ORIGIN, credentialIdLength: 20 });
		assert.deepEqual(Object.keys(registration), ["id", "rawId", "type", "authenticatorAttachment", "clientExtensionResults", "response"]);
		assert.equal(registration.id, registration.rawId);
		assert.equal(decodeBase64Url(registration.id).length, 20);
		assert.deepEqual(registration.clientExtensionResults, { credProps: { rk: true } });
		for (const value of Object.values(registration.response)) {
			if (typeof value === "string") assert.match(value, /^[A-Za-z0-9_-]+$/);
		}
		const clientData = new TextDecoder().decode(decodeBase64Url(registration.response.clientDataJSON));
		assert.match(
			clientData,
			/^\{"type":"webauthn\.create","challenge":"[^"]+","origin":"https:\/\/login\.example\.com","crossOrigin":false\}$/,
		);
	});

	it("picks the first supported algorithm from pubKeyCredParams unless one is forced", () => {
		const authenticator = new SoftAuthenticator({ algorithms: [CoseAlgorithm.EdDSA, CoseAlgorithm.ES256] });
		const picked = authenticator.createCredential(creationOptions([-257, -8, -7]), { origin: ORIGIN });
		assert.equal(picked.response.publicKeyAlgorithm, -8);
		const forced = authenticator.createCredential(creationOptions([-8]), { origin: ORIGIN, alg: -7 });
		assert.equal(forced.response.publicKeyAlgorithm, -7);
		assert.throws(() => authenticator.createCredential(creationOptions([-257]), { origin: ORIGIN }), {
			name: "NotSupportedError",
		});
	});

	it("fails registration verification for a wrong origin, rpId, challenge, type or missing UV", async () => {
		const authenticator = new SoftAuthenticator();
		const breakages: [CreateCredentialOptions, RegExp][] = [
			[{ origin: ORIGIN, clientData: { origin: "https://evil.example" } }, /origin/],
			[{ origin: ORIGIN, rpId: "evil.example" }, /RP ID hash/],
			[{ origin: ORIGIN, clientData: { challenge: newChallenge() } }, /challenge/],
			[{ origin: ORIGIN, clientData: { type: "webauthn.get" } }, /type/],
			[{ origin: ORIGIN, flags: { uv: false } }, /could not be verified/],
		];
		for (const [call, reason] of breakages) {
			const options = creationOptions();
			const registration = authenticator.createCredential(options, call);
			await assert.rejects(verifyRegistration(registration, options.challenge), reason);
		}
	});

	it("fails assertion verification for a wrong origin, rpId or missing UV", async () => {
		const authenticator = new SoftAuthenticator();
		const registration = authenticator.createCredential(creationOptions(), { origin: ORIGIN });
		const breakages: [GetAssertionOptions, RegExp][] = [
			[{ origin: ORIGIN, clientData: { origin: "https://evil.example" } }, /origin/],
			[{ origin: ORIGIN, rpId: "evil.example" }, /RP ID hash/],
			[{ origin: ORIGIN, flags: { uv: false } }, /could not be verified/],
		];
		for (const [call, reason] of breakages) {
			const stored = authenticator.exportCredential(registration.id);
			const challenge = newChallenge();
			const assertion = authenticator.getAssertion({ challenge, rpId: RP_ID }, call);
			await assert.rejects(verifyAssertion(assertion, challenge, stored), reason);
		}
	});

	it("fails assertion verification for a signature from another key", async () => {
		const authenticator = new SoftAuthenticator();
		const first = authenticator.createCredential(creationOptions(), { origin: ORIGIN });
		authenticator.createCredential(creationOptions(), { origin: ORIGIN });
		const challenge = newChallenge();
		const assertion = authenticator.getAssertion({ challenge, rpId: RP_ID }, { origin: ORIGIN });
		const impostor = { ...assertion, id: first.id, rawId: first.id };
		const outcome = await verifyAssertion(impostor, challenge, authenticator.exportCredential(first.id));
		assert.equal(outcome.verified, false);
	});
});
