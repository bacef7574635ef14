import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ErrorCode, isPasskeyError } from "@latchkey/protocol";
import {
	CoseAlgorithm,
	type CreateCredentialOptions,
	decodeBase64Url,
	encodeAttestationObject,
	encodeAuthenticatorData,
	encodeBase64Url,
	generateCredentialKeyPair,
	type PublicKeyCredentialCreationOptionsJSON,
	type RegistrationResponseJSON,
	SoftAuthenticator,
} from "@latchkey/testing";
import { createRegistrationOptions, type RegistrationRequest } from "./create-registration-options.ts";
import type { RegistrationResponseBody } from "./credential-json.ts";
import { loadWebAuthnHelpers } from "./simplewebauthn.ts";
import { type RegistrationExpectation, verifyRegistration } from "./verify-registration.ts";

const RP_ID = "shop.example";
const ORIGIN = "https://shop.example";
const REQUEST: RegistrationRequest = {
	userId: "ada",
	username: "ada@shop.example",
	displayName: "Ada",
	attestation: "none",
	authenticatorType: "any",
	discoverable: true,
	userVerification: "preferred",
	hints: [],
};
const helpers = await loadWebAuthnHelpers();
const fails = (code: ErrorCode) => (error: unknown) => isPasskeyError(error, code);

/** A registration by a software authenticator against real creation options, and what the session expects of it. */
function register(
	call: Partial<CreateCredentialOptions> = {},
	request: Partial<RegistrationRequest> = {},
): { response: RegistrationResponseJSON; expected: RegistrationExpectation } {
	const options = createRegistrationOptions(
		{ ...REQUEST, ...request },
		{ rpId: RP_ID, challenge: new TextEncoder().encode("registration challenge"), exclude: [], timeoutMs: 60_000 },
	);
	const response = new SoftAuthenticator().createCredential(options as PublicKeyCredentialCreationOptionsJSON, { origin: ORIGIN, ...call });
	const expected = {
		challenge: options.challenge,
		origin: ORIGIN,
		rpId: RP_ID,
		userVerification: options.authenticatorSelection.userVerification,
	};
	return { response, expected };
}
const verify = (response: RegistrationResponseJSON | RegistrationResponseBody, expected: RegistrationExpectation) =>
	verifyRegistration(response as RegistrationResponseBody, expected);

/** A response whose attestation object is built from these authenticator data bytes, with a `none` statement. */
function withAuthData(response: RegistrationResponseJSON, authData: Uint8Array): RegistrationResponseJSON {
	const attestationObject = encodeBase64Url(encodeAttestationObject(authData, { format: "none" }));
	return { ...response, response: { ...response.response, attestationObject } };
}

describe("verifyRegistration", () => {
	it("returns the new credential of a `none` attestation: id, COSE key, counter, flags, transports, credProps", async () => {
		const { response, expected } = register({ alg: CoseAlgorithm.EdDSA, transports: ["usb"] });
		const verified = await verify(response, expected);
		assert.equal(verified.credentialId, response.rawId);
		assert.equal(helpers.decodeCredentialPublicKey(new Uint8Array(verified.publicKey)).get(3), CoseAlgorithm.EdDSA);
		assert.deepEqual(
			{ ...verified, credentialId: undefined, publicKey: undefined },
			{
				credentialId: undefined,
				publicKey: undefined,
				alg: CoseAlgorithm.EdDSA,
				signCount: 0,
				aaguid: "00000000-0000-0000-0000-000000000000",
				attestationFmt: "none",
				backupEligible: false,
				backupState: false,
				discoverable: true,
				prfSupported: false,
				transports: ["usb"],
				attestation: { fmt: "none", trusted: false, reason: "no attestation: the statement format is 'none'" },
			},
		);
	});

	it("verifies a `packed` self-attestation through @simplewebauthn/server", async () => {
		const { response, expected } = register({ attestationFormat: "packed", flags: { be: true, bs: true } });
		const verified = await verify(response, expected);
		assert.deepEqual([verified.attestationFmt, verified.backupEligible, verified.backupState], ["packed", true, true]);
	});

	it("rejects a `packed` statement signed by another key (fido2_invalid_registration)", async () => {
		const { response, expected } = register({ alg: CoseAlgorithm.ES256, attestationFormat: "packed" });
		const authData = new Uint8Array(
			helpers.decodeAttestationObject(decodeBase64Url(response.response.attestationObject) as Uint8Array<ArrayBuffer>).get("authData"),
		);
		const forged = encodeAttestationObject(authData, {
			format: "packed",
			alg: CoseAlgorithm.ES256,
			privateKey: generateCredentialKeyPair(CoseAlgorithm.ES256).privateKey,
			clientDataJSON: decodeBase64Url(response.response.clientDataJSON),
		});
		const body = { ...response, response: { ...response.response, attestationObject: encodeBase64Url(forged) } };
		await assert.rejects(verify(body, expected), fails("fido2_invalid_registration"));
	});

	it("rejects a `none` attestation whose statement is not empty (fido2_invalid_registration)", async () => {
		const { response, expected } = register();
		const decoded = helpers.decodeAttestationObject(decodeBase64Url(response.response.attestationObject) as Uint8Array<ArrayBuffer>);
		const attestationObject = helpers.isoCBOR.encode(
			new Map<string, unknown>([
				["fmt", "none"],
				["attStmt", new Map([["sig", new Uint8Array(8)]])],
				["authData", decoded.get("authData")],
			]) as never,
		);
		const body = { ...response, response: { ...response.response, attestationObject: encodeBase64Url(attestationObject) } };
		await assert.rejects(verify(body, expected), fails("fido2_invalid_registration"));
	});

	it("rejects another session's challenge, another origin and a sign-in's client data", async () => {
		const { response, expected } = register();
		await assert.rejects(verify(response, { ...expected, challenge: "b3RoZXI" }), fails("challenge_mismatch"));
		await assert.rejects(verify(response, { ...expected, origin: "https://evil.example" }), fails("origin_mismatch"));
		const asSignIn = register({ clientData: { type: "webauthn.get" } });
		await assert.rejects(verify(asSignIn.response, asSignIn.expected), fails("wrong_ceremony_type"));
	});

	it("rejects a credential made for another RP ID (rp_id_hash_mismatch)", async () => {
		const { response, expected } = register({ rpId: "evil.example" });
		await assert.rejects(verify(response, expected), fails("rp_id_hash_mismatch"));
	});

	it("requires user verification only when the ceremony asked for it", async () => {
		const required = register({ flags: { uv: false } }, { userVerification: "required" });
		await assert.rejects(verify(required.response, required.expected), fails("user_verification_required"));
		const preferred = register({ flags: { uv: false } }, { userVerification: "preferred" });
		assert.equal((await verify(preferred.response, preferred.expected)).attestationFmt, "none");
	});

	it("rejects a credential made without user presence or with backup state but no eligibility", async () => {
		const absent = register({ flags: { up: false } });
		await assert.rejects(verify(absent.response, absent.expected), fails("user_presence_required"));
		const backup = register({ flags: { be: false, bs: true } });
		await assert.rejects(verify(backup.response, backup.expected), fails("invalid_backup_flags"));
	});

	it("rejects a public key whose COSE algorithm the server does not offer (unsupported_algorithm)", async () => {
		const { response, expected } = register();
		const cosePublicKey = helpers.isoCBOR.encode(
			new Map<number, number | Uint8Array>([
				[1, 2],
				[3, -65535],
				[-1, 1],
				[-2, new Uint8Array(32)],
				[-3, new Uint8Array(32)],
			]),
		);
		const authData = encodeAuthenticatorData(RP_ID, {
			flags: { up: true, uv: true, be: false, bs: false },
			signCount: 0,
			attestedCredential: { aaguid: new Uint8Array(16), credentialId: decodeBase64Url(response.rawId), cosePublicKey },
		});
		await assert.rejects(verify(withAuthData(response, authData), expected), fails("unsupported_algorithm"));
	});

	it("rejects malformed responses: id ≠ rawId, a type other than public-key, an attestation object that is not CBOR, no attested credential", async () => {
		const { response, expected } = register();
		const other = register().response;
		await assert.rejects(verify({ ...response, id: other.id }, expected), fails("malformed_response"));
		await assert.rejects(verify({ ...response, rawId: "***" }, expected), fails("malformed_response"));
		await assert.rejects(
			verify({ ...response, type: "password" } as unknown as RegistrationResponseJSON, expected),
			fails("malformed_response"),
		);
		const notCbor = { ...response, response: { ...response.response, attestationObject: encodeBase64Url(new Uint8Array([1, 2, 3])) } };
		await assert.rejects(verify(notCbor, expected), fails("malformed_response"));
		const noCredential = encodeAuthenticatorData(RP_ID, { flags: { up: true, uv: true, be: false, bs: false }, signCount: 0 });
		await assert.rejects(verify(withAuthData(response, noCredential), expected), fails("malformed_response"));
	});
});
