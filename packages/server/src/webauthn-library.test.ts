import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ErrorCode, isPasskeyError } from "@latchkey/protocol";
import { createTestAttestationCa, type TestAttestationLeaf } from "@latchkey/test-support";
import {
	decodeBase64Url,
	encodeBase64Url,
	type PublicKeyCredentialCreationOptionsJSON,
	type RegistrationResponseJSON,
	SoftAuthenticator,
} from "@latchkey/testing";
import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { type RegistrationResponseBody, verifyAuthenticationResponse, verifyRegistrationResponse } from "./webauthn-library.ts";

const RP_ID = "keys.example";
const ORIGIN = "https://keys.example";
const AAGUID = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
const CHALLENGE = encodeBase64Url(new Uint8Array(32).fill(7));
const fails = (code: ErrorCode, detail?: RegExp) => (error: unknown) =>
	isPasskeyError(error, code) && (detail === undefined || detail.test(error.message));

const ca = await createTestAttestationCa("Acme");
const otherCa = await createTestAttestationCa("Other");

function creationOptions(): PublicKeyCredentialCreationOptionsJSON {
	return {
		rp: { id: RP_ID, name: "Keys" },
		user: { id: encodeBase64Url(new TextEncoder().encode("ada")), name: "ada", displayName: "Ada" },
		challenge: CHALLENGE,
		pubKeyCredParams: [{ type: "public-key", alg: -7 }],
		attestation: "direct",
		authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
	} as PublicKeyCredentialCreationOptionsJSON;
}

/** A security key made in the test: packed full attestation under `leaf`. */
function register(
	leaf: TestAttestationLeaf | null,
	flags: { be?: boolean } = {},
): { authenticator: SoftAuthenticator; response: RegistrationResponseJSON } {
	const authenticator = new SoftAuthenticator({ aaguid: AAGUID, flags: { be: flags.be ?? false, bs: false } });
	const response = authenticator.createCredential(creationOptions(), {
		origin: ORIGIN,
		attestationFormat: leaf ? "packed" : "none",
		...(leaf ? { attestationCertificate: leaf } : {}),
	});
	return { authenticator, response };
}

function verify(
	response: RegistrationResponseJSON,
	attestation?: Parameters<typeof verifyRegistrationResponse>[0]["attestation"],
	now?: Date,
) {
	return verifyRegistrationResponse({
		response: response as unknown as RegistrationResponseBody,
		expectedChallenge: CHALLENGE,
		expectedOrigin: ORIGIN,
		expectedRpId: RP_ID,
		...(attestation ? { attestation } : {}),
		...(now ? { now } : {}),
	});
}

/** Rewrites the attestation object's statement (CBOR decode, change, encode). */
function withStatement(response: RegistrationResponseJSON, change: (object: Map<string, unknown>) => void): RegistrationResponseJSON {
	const object = isoCBOR.decodeFirst<Map<string, unknown>>(decodeBase64Url(response.response.attestationObject));
	change(object);
	return { ...response, response: { ...response.response, attestationObject: encodeBase64Url(isoCBOR.encode(object as never)) } };
}

function entry(status: string, root = ca.root): MetadataBLOBPayloadEntry {
	return {
		aaguid: AAGUID,
		metadataStatement: {
			description: "Acme Key",
			aaguid: AAGUID,
			attestationTypes: ["basic_full"],
			attestationRootCertificates: [Buffer.from(root.der).toString("base64")],
		},
		statusReports: [{ status, effectiveDate: "2024-01-01" }],
		timeOfLastStatusChange: "2024-01-01",
	} as unknown as MetadataBLOBPayloadEntry;
}

describe("@latchkey/server/webauthn verifyRegistrationResponse", () => {
	it("verifies packed x5c attestation and trusts a chain to the given root", async () => {
		const { response } = register(await ca.issueLeaf());
		const { credential } = await verify(response, { trustAnchors: [ca.root.pem], mode: "strict" });
		assert.equal(credential.fmt, "packed");
		assert.equal(credential.aaguid, AAGUID);
		assert.equal(credential.alg, -7);
		assert.equal(credential.attestationTrusted, true);
		assert.match(credential.attestationReason, /Acme Root CA/);
		assert.equal(credential.backupEligible, false);
	});

	it("records an untrusted chain in permissive mode and refuses it in strict mode (a chain to the wrong root)", async () => {
		const { response } = register(await ca.issueLeaf());
		const { credential } = await verify(response, { trustAnchors: [otherCa.root.pem] });
		assert.equal(credential.attestationTrusted, false);
		assert.match(credential.attestationReason, /not a trust anchor/);
		await assert.rejects(verify(response, { trustAnchors: [otherCa.root.pem], mode: "strict" }), fails("attestation_not_trusted"));
	});

	it("refuses a self-signed certificate passed as its own root", async () => {
		const leaf = await ca.issueLeaf({ selfSigned: true });
		const { response } = register(leaf);
		await assert.rejects(verify(response, { trustAnchors: [leaf.pem], mode: "strict" }), fails("attestation_not_trusted", /itself/));
	});

	it("refuses a changed attestation signature", async () => {
		const { response } = register(await ca.issueLeaf());
		const tampered = withStatement(response, (object) => {
			const statement = object.get("attStmt") as Map<string, unknown>;
			const sig = new Uint8Array(statement.get("sig") as Uint8Array);
			sig[sig.length - 5] = (sig[sig.length - 5] as number) ^ 0x01;
			statement.set("sig", sig);
		});
		await assert.rejects(verify(tampered, { trustAnchors: [ca.root.pem] }), fails("fido2_invalid_registration"));
	});

	it("refuses a certificate that has expired at the real date, and accepts it at a `now` inside its validity", async () => {
		const past = new Date("2021-06-01T00:00:00Z");
		const old = await createTestAttestationCa("Old", past);
		const leaf = await old.issueLeaf();
		const { response } = register(leaf);
		await assert.rejects(verify(response, { trustAnchors: [old.root.pem] }), fails("fido2_invalid_registration", /not good after/));
		const { credential } = await verify(response, { trustAnchors: [old.root.pem], mode: "strict" }, past);
		assert.equal(credential.attestationTrusted, true);
		assert.ok(Date.now() > past.getTime() + 86_400_000, "the wall clock is not left pinned");
	});

	it("refuses android-safetynet statements with attestation_format_not_supported", async () => {
		const { response } = register(null);
		const safetynet = withStatement(response, (object) => {
			object.set("fmt", "android-safetynet");
			object.set(
				"attStmt",
				new Map<string, unknown>([
					["ver", "1"],
					["response", new Uint8Array([1, 2, 3])],
				]),
			);
		});
		await assert.rejects(verify(safetynet), fails("attestation_format_not_supported"));
	});

	it("reads FIDO metadata: roots from the entry, the name, and strict refusal of uncertified, revoked and unknown authenticators", async () => {
		const { response } = register(await ca.issueLeaf());
		const certified = await verify(response, { metadata: [entry("FIDO_CERTIFIED_L1")], mode: "strict" });
		assert.equal(certified.credential.attestationTrusted, true);
		assert.match(certified.credential.attestationReason, /FIDO metadata/);
		assert.equal(certified.authenticatorName, "Acme Key");
		await assert.rejects(
			verify(response, { metadata: [entry("NOT_FIDO_CERTIFIED")], mode: "strict" }),
			fails("authenticator_not_certified"),
		);
		await assert.rejects(verify(response, { metadata: [entry("REVOKED")], mode: "strict" }), fails("authenticator_revoked"));
		await assert.rejects(
			verify(response, { metadata: [], trustAnchors: [ca.root.pem], mode: "strict" }),
			fails("authenticator_not_certified", /not in the FIDO metadata/),
		);
		const permissive = await verify(response, { metadata: [entry("REVOKED")] });
		assert.equal(permissive.credential.attestationTrusted, true, "permissive mode records, it does not refuse");
	});

	it("names a passkey provider from the shipped table when the metadata does not", async () => {
		const authenticator = new SoftAuthenticator({ aaguid: "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4" });
		const response = authenticator.createCredential(creationOptions(), { origin: ORIGIN });
		assert.equal((await verify(response)).authenticatorName, "Google Password Manager");
		assert.equal((await verify(register(null).response)).authenticatorName, undefined, "an AAGUID nobody lists");
	});

	it("reports none and self attestation as untrusted, and strict mode refuses them", async () => {
		const { response } = register(null);
		const { credential } = await verify(response);
		assert.equal(credential.fmt, "none");
		assert.equal(credential.attestationTrusted, false);
		await assert.rejects(verify(response, { mode: "strict" }), fails("attestation_not_trusted"));
	});
});

describe("@latchkey/server/webauthn verifyAuthenticationResponse", () => {
	it("verifies an assertion against the stored key and returns the new counter; refuses another credential or a bad signature", async () => {
		const { authenticator, response } = register(null);
		const { credential } = await verify(response);
		const assertion = authenticator.getAssertion({ challenge: CHALLENGE, rpId: RP_ID, allowCredentials: [] }, { origin: ORIGIN });
		const options = {
			response: assertion as never,
			expectedChallenge: CHALLENGE,
			expectedOrigin: ORIGIN,
			expectedRpId: RP_ID,
			credential: { id: credential.id, publicKey: credential.publicKey, counter: credential.counter },
		};
		const verified = await verifyAuthenticationResponse(options);
		assert.equal(verified.newCounter, 1);
		assert.equal(verified.userVerified, true);
		await assert.rejects(
			verifyAuthenticationResponse({ ...options, credential: { ...options.credential, id: encodeBase64Url(new Uint8Array(16)) } }),
			fails("credential_not_allowed"),
		);
		const signature = decodeBase64Url(assertion.response.signature);
		signature[10] = (signature[10] as number) ^ 0xff;
		const forged = { ...assertion, response: { ...assertion.response, signature: encodeBase64Url(signature) } };
		await assert.rejects(verifyAuthenticationResponse({ ...options, response: forged as never }), fails("invalid_signature"));
		await assert.rejects(
			verifyAuthenticationResponse({ ...options, credential: { ...options.credential, counter: 5 } }),
			fails("counter_regression"),
		);
	});

	it("refuses an assertion made in a cross-origin iframe unless its topOrigin is in allowedTopOrigins", async () => {
		const { authenticator, response } = register(null);
		const { credential } = await verify(response);
		const TOP = "https://partner.example.net";
		const framed = authenticator.getAssertion(
			{ challenge: CHALLENGE, rpId: RP_ID, allowCredentials: [] },
			{ origin: ORIGIN, clientData: { crossOrigin: true, topOrigin: TOP } },
		);
		const options = {
			response: framed as never,
			expectedChallenge: CHALLENGE,
			expectedOrigin: ORIGIN,
			expectedRpId: RP_ID,
			credential: { id: credential.id, publicKey: credential.publicKey, counter: credential.counter },
		};
		await assert.rejects(verifyAuthenticationResponse(options), fails("top_origin_not_allowed"));
		assert.equal((await verifyAuthenticationResponse({ ...options, allowedTopOrigins: [TOP] })).newCounter, 1);
	});
});
