import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ErrorCode, isPasskeyError } from "@latchkey/protocol";
import {
	type AuthenticationResponseJSON,
	CoseAlgorithm,
	decodeBase64Url,
	encodeBase64Url,
	type GetAssertionOptions,
	type PublicKeyCredentialCreationOptionsJSON,
	type PublicKeyCredentialRequestOptionsJSON,
	SoftAuthenticator,
	type SoftAuthenticatorOptions,
} from "@latchkey/testing";
import { createSignatureVerifier } from "../signatures/signature-verifier.ts";
import type { Credential } from "../store/store.ts";
import { createAuthenticationOptions } from "./create-authentication-options.ts";
import { createRegistrationOptions } from "./create-registration-options.ts";
import type { AuthenticationResponseBody, RegistrationResponseBody } from "./credential-json.ts";
import { type AuthenticationExpectation, type SignatureCheck, verifyAuthentication } from "./verify-authentication.ts";
import { verifyRegistration } from "./verify-registration.ts";

const RP_ID = "shop.example";
const ORIGIN = "https://shop.example";
const signatures = createSignatureVerifier();
const fails = (code: ErrorCode) => (error: unknown) => isPasskeyError(error, code);

/** A passkey registered (and verified) with a software authenticator, as the store keeps it. */
async function enrol(
	options: SoftAuthenticatorOptions & { alg?: CoseAlgorithm } = {},
): Promise<{ authenticator: SoftAuthenticator; credential: Credential }> {
	const authenticator = new SoftAuthenticator(options);
	const creation = createRegistrationOptions(
		{
			userId: "ada",
			username: "ada",
			displayName: "Ada",
			attestation: "none",
			authenticatorType: "any",
			discoverable: true,
			userVerification: "preferred",
			hints: [],
		},
		{ rpId: RP_ID, challenge: new Uint8Array(16).fill(1), exclude: [], timeoutMs: 60_000 },
	);
	const response = authenticator.createCredential(creation as PublicKeyCredentialCreationOptionsJSON, {
		origin: ORIGIN,
		...(options.alg ? { alg: options.alg } : {}),
	});
	const verified = await verifyRegistration(response as unknown as RegistrationResponseBody, {
		challenge: creation.challenge,
		origin: ORIGIN,
		rpId: RP_ID,
		userVerification: "preferred",
	});
	const at = new Date("2025-01-01T00:00:00Z");
	const credential: Credential = {
		...verified,
		attestationTrust: null,
		appId: "shop",
		userId: "ada",
		userHandle: creation.user.id,
		rpId: RP_ID,
		origin: ORIGIN,
		device: "",
		country: "",
		nickname: null,
		createdAt: at,
		lastUsedAt: at,
	};
	return { authenticator, credential };
}

/** An assertion against real request options, and what the session expects of it. */
function signIn(
	authenticator: SoftAuthenticator,
	call: Partial<GetAssertionOptions> = {},
	session: { userVerification?: string; allowCredentials?: string[] } = {},
): { response: AuthenticationResponseJSON; expected: AuthenticationExpectation } {
	const request = createAuthenticationOptions([], {
		rpId: RP_ID,
		challenge: new Uint8Array(16).fill(2),
		userVerification: session.userVerification ?? "preferred",
		hints: [],
		timeoutMs: 60_000,
	});
	const response = authenticator.getAssertion(request as PublicKeyCredentialRequestOptionsJSON, { origin: ORIGIN, ...call });
	const expected = {
		challenge: request.challenge,
		origin: ORIGIN,
		rpId: RP_ID,
		userVerification: request.userVerification,
		allowCredentials: session.allowCredentials ?? [],
	};
	return { response, expected };
}

const verify = (
	response: AuthenticationResponseJSON,
	credential: Credential,
	expected: AuthenticationExpectation,
	check: SignatureCheck = signatures,
) => verifyAuthentication(response as AuthenticationResponseBody, { credential, expected, signatures: check });

/** The response with one member of `response` replaced. */
const withMember = (response: AuthenticationResponseJSON, member: "authenticatorData" | "signature" | "userHandle", value: string) => ({
	...response,
	response: { ...response.response, [member]: value },
});

describe("verifyAuthentication", () => {
	for (const alg of [CoseAlgorithm.ES256, CoseAlgorithm.EdDSA, CoseAlgorithm.RS256]) {
		it(`returns the new counter, backup state and UV of a valid assertion (COSE alg ${alg})`, async () => {
			const { authenticator, credential } = await enrol({ alg, flags: { be: true, bs: true } });
			const { response, expected } = signIn(authenticator, { signCount: 9 }, { allowCredentials: [credential.credentialId] });
			assert.deepEqual(await verify(response, credential, expected), { signCount: 9, backupState: true, userVerified: true });
		});
	}

	it("rejects a passkey the ceremony did not allow (credential_not_allowed)", async () => {
		const { authenticator, credential } = await enrol();
		const { response, expected } = signIn(authenticator, {}, { allowCredentials: ["c29tZW9uZS1lbHNl"] });
		await assert.rejects(verify(response, credential, expected), fails("credential_not_allowed"));
	});

	it("rejects a user handle that is not the passkey owner's, and accepts none at all", async () => {
		const { authenticator, credential } = await enrol();
		const { response, expected } = signIn(authenticator);
		await assert.rejects(verify(withMember(response, "userHandle", "bWFsbG9yeQ"), credential, expected), fails("user_handle_mismatch"));
		const anonymous = signIn(authenticator, { userHandle: null });
		assert.equal((await verify(anonymous.response, credential, anonymous.expected)).signCount, 2);
	});

	it("rejects another session's challenge, another origin and a registration's client data", async () => {
		const { authenticator, credential } = await enrol();
		const { response, expected } = signIn(authenticator);
		await assert.rejects(verify(response, credential, { ...expected, challenge: "b3RoZXI" }), fails("challenge_mismatch"));
		await assert.rejects(verify(response, credential, { ...expected, origin: "https://evil.example" }), fails("origin_mismatch"));
		const created = signIn(authenticator, { clientData: { type: "webauthn.create" } });
		await assert.rejects(verify(created.response, credential, created.expected), fails("wrong_ceremony_type"));
	});

	it("rejects an assertion for another RP ID (rp_id_hash_mismatch)", async () => {
		const { authenticator, credential } = await enrol();
		const { response, expected } = signIn(authenticator, { rpId: "evil.example" });
		await assert.rejects(verify(response, credential, expected), fails("rp_id_hash_mismatch"));
	});

	it("requires user verification only when the session asked for it", async () => {
		const { authenticator, credential } = await enrol();
		const required = signIn(authenticator, { flags: { uv: false } }, { userVerification: "required" });
		await assert.rejects(verify(required.response, credential, required.expected), fails("user_verification_required"));
		const preferred = signIn(authenticator, { flags: { uv: false } });
		assert.equal((await verify(preferred.response, credential, preferred.expected)).userVerified, false);
	});

	it("rejects a counter that did not go up (counter_regression), and accepts a passkey that counts nothing", async () => {
		const { authenticator, credential } = await enrol();
		for (const signCount of [5, 4]) {
			const { response, expected } = signIn(authenticator, { signCount });
			await assert.rejects(verify(response, { ...credential, signCount: 5 }, expected), fails("counter_regression"), String(signCount));
		}
		const { response, expected } = signIn(authenticator, { signCount: 0 });
		assert.equal((await verify(response, { ...credential, signCount: 0 }, expected)).signCount, 0);
	});

	it("rejects a signature that does not verify, and one by another passkey's key (invalid_signature)", async () => {
		const { authenticator, credential } = await enrol();
		const { response, expected } = signIn(authenticator);
		const signature = decodeBase64Url(response.response.signature);
		signature[signature.length - 1] = (signature[signature.length - 1] as number) ^ 1;
		await assert.rejects(
			verify(withMember(response, "signature", encodeBase64Url(signature)), credential, expected),
			fails("invalid_signature"),
		);
		const { credential: other } = await enrol();
		await assert.rejects(verify(response, { ...credential, publicKey: other.publicKey }, expected), fails("invalid_signature"));
	});

	it("checks the signature before the counter: a forgery learns nothing of the stored counter", async () => {
		const { authenticator, credential } = await enrol();
		const { response, expected } = signIn(authenticator, { signCount: 1 });
		const forged = withMember(response, "signature", encodeBase64Url(new Uint8Array(70)));
		await assert.rejects(verify(forged, { ...credential, signCount: 5 }, expected), fails("invalid_signature"));
	});

	it("signs authenticatorData ‖ SHA-256(clientDataJSON), and maps an unusable stored key to invalid_signature", async () => {
		const { authenticator, credential } = await enrol();
		const { response, expected } = signIn(authenticator);
		const seen: Uint8Array[] = [];
		const unusable: SignatureCheck = {
			async check(input) {
				seen.push(input.data, input.coseKey);
				return "unusable_key";
			},
		};
		await assert.rejects(verify(response, credential, expected, unusable), (error: unknown) => {
			return isPasskeyError(error, "invalid_signature") && error.detail === "The stored public key cannot be used.";
		});
		const authData = decodeBase64Url(response.response.authenticatorData);
		const clientDataHash = new Uint8Array(await crypto.subtle.digest("SHA-256", decodeBase64Url(response.response.clientDataJSON)));
		assert.deepEqual(seen, [new Uint8Array([...authData, ...clientDataHash]), credential.publicKey]);
	});

	it("rejects authenticator data or a signature that is not base64url (malformed_response)", async () => {
		const { authenticator, credential } = await enrol();
		const { response, expected } = signIn(authenticator);
		await assert.rejects(verify(withMember(response, "authenticatorData", "***"), credential, expected), fails("malformed_response"));
		await assert.rejects(verify(withMember(response, "signature", "***"), credential, expected), fails("malformed_response"));
		const short = encodeBase64Url(decodeBase64Url(response.response.authenticatorData).slice(0, 20));
		await assert.rejects(verify(withMember(response, "authenticatorData", short), credential, expected), fails("malformed_response"));
	});
});
