/**
 * `@latchkey/server/webauthn`: the server's WebAuthn verification for teams that embed it in their own backend
 * instead of running the server. The same code the server runs at `/register/complete` and `/signin/complete`; it
 * stores nothing and reads no configuration. Errors are `PasskeyError`s with the catalog's codes (docs/errors.md).
 */
import { PasskeyError } from "@latchkey/protocol";
import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import { type AuthenticatorNames, loadAuthenticatorNames } from "./authenticators/authenticator-names.ts";
import { systemClock } from "./clock.ts";
import { canonicalBase64Url } from "./encoding.ts";
import { createSignatureVerifier, type SignatureVerifier } from "./signatures/signature-verifier.ts";
import type { AttestationMode } from "./webauthn/attestation-trust.ts";
import type { AuthenticationResponseBody, RegistrationResponseBody } from "./webauthn/credential-json.ts";
import { type MetadataLookup, metadataFromEntries } from "./webauthn/metadata-status.ts";
import { normalizeOrigin } from "./webauthn/origin-policy.ts";
import { verifyAuthentication } from "./webauthn/verify-authentication.ts";
import { verifyRegistration } from "./webauthn/verify-registration.ts";

export { isPasskeyError, PasskeyError } from "@latchkey/protocol";
export type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
export type { AttestationMode } from "./webauthn/attestation-trust.ts";
export type { AuthenticationResponseBody, RegistrationResponseBody } from "./webauthn/credential-json.ts";
export type { MetadataLookup } from "./webauthn/metadata-status.ts";
export { isCertified, isCompromised, latestStatus, metadataFromEntries } from "./webauthn/metadata-status.ts";

/** What `verifyRegistrationResponse` is given. */
export interface VerifyRegistrationOptions {
	/** The browser's `PublicKeyCredential.toJSON()` of a `navigator.credentials.create()` (base64url members). */
	response: RegistrationResponseBody;
	/** The challenge you sent, base64url, exactly as in the options. */
	expectedChallenge: string;
	/** The page's origin, e.g. `https://shop.example` (or `android:apk-key-hash:…`). */
	expectedOrigin: string;
	/** The RP ID the options named, e.g. `shop.example`. */
	expectedRpId: string;
	/** Refuse a credential made without user verification (UV flag). @default false */
	requireUserVerification?: boolean;
	/** Pages allowed to embed the ceremony in a cross-origin iframe (clientData `topOrigin`). @default none: refused */
	allowedTopOrigins?: readonly string[];
	/** How to judge the attestation statement. @default permissive, no metadata, the roots shipped for apple/android-key/tpm */
	attestation?: {
		/** PEM root certificates a statement's x5c may chain to (tried for every format). */
		trustAnchors?: readonly string[];
		/** FIDO metadata: a lookup, or the entries of an MDS3 blob's payload. */
		metadata?: MetadataLookup | readonly MetadataBLOBPayloadEntry[];
		/** `permissive`: report what the statement proves; `strict`: throw unless it is trusted (and certified, with metadata). */
		mode?: AttestationMode;
		/** Also trust the roots shipped for `apple`, `android-key` and `tpm` (Apple's, Google's, Microsoft's). @default true */
		shippedRoots?: boolean;
	};
	/** The time certificates must be valid at; give a capture's own time to verify it after its certificates expired. @default now */
	now?: Date;
}

/** A verified new credential: what to store. */
export interface VerifiedRegistrationResponse {
	credential: {
		/** base64url credential ID. */
		id: string;
		/** The COSE_Key bytes: keep them for `verifyAuthenticationResponse`. */
		publicKey: Uint8Array;
		/** COSE algorithm (-7 ES256, -257 RS256, -8 EdDSA, …). */
		alg: number;
		counter: number;
		/** Lower-case, dashed; all zeros when the authenticator does not say. */
		aaguid: string;
		/** The attestation statement format: none, packed, tpm, android-key, fido-u2f, apple. */
		fmt: string;
		transports: string[];
		backupEligible: boolean;
		backupState: boolean;
		/** The statement's certificate chain reached a trust anchor at `now`. */
		attestationTrusted: boolean;
		/** Why it did or did not, in one sentence. */
		attestationReason: string;
	};
	/** The authenticator's name: the FIDO metadata's description, else the shipped provider table's (e.g. "Google Password Manager"). */
	authenticatorName?: string;
}

/**
 * Verifies a registration (WebAuthn L3 §7.1) and judges its attestation statement: every format through
 * `@simplewebauthn/server` (`android-safetynet` refused), certificate chains against the FIDO metadata's roots, your
 * trust anchors and the shipped Apple/Google/Microsoft roots, at `now`, with no network access.
 * @param options - the response, what you expected, and how to judge attestation
 * @returns the credential to store, and the authenticator's name when the metadata knows it
 * @throws PasskeyError: malformed_response, wrong_ceremony_type, challenge_mismatch, origin_mismatch,
 *   rp_id_hash_mismatch, user_presence_required, user_verification_required, invalid_backup_flags,
 *   unsupported_algorithm, fido2_invalid_registration, attestation_format_not_supported; in strict mode also
 *   attestation_not_trusted, authenticator_not_certified, authenticator_revoked
 * @example
 * const { credential } = await verifyRegistrationResponse({ response: body, expectedChallenge, expectedOrigin: "https://shop.example", expectedRpId: "shop.example" });
 */
export async function verifyRegistrationResponse(options: VerifyRegistrationOptions): Promise<VerifiedRegistrationResponse> {
	const given = options.attestation?.metadata;
	const metadata = given === undefined ? null : Array.isArray(given) ? metadataFromEntries(given) : (given as MetadataLookup);
	const verified = await verifyRegistration(
		options.response,
		{
			challenge: options.expectedChallenge,
			origin: normalizeOrigin(options.expectedOrigin),
			rpId: options.expectedRpId,
			userVerification: options.requireUserVerification ? "required" : "preferred",
			allowedTopOrigins: options.allowedTopOrigins,
		},
		{
			now: options.now ?? systemClock.now(),
			mode: options.attestation?.mode ?? "permissive",
			sources: { trustAnchors: options.attestation?.trustAnchors ?? [], metadata, shippedRoots: options.attestation?.shippedRoots ?? true },
			metadata: metadata ? "consulted" : "none",
		},
	);
	const result: VerifiedRegistrationResponse = {
		credential: {
			id: verified.credentialId,
			publicKey: verified.publicKey,
			alg: verified.alg,
			counter: verified.signCount,
			aaguid: verified.aaguid,
			fmt: verified.attestationFmt,
			transports: verified.transports,
			backupEligible: verified.backupEligible,
			backupState: verified.backupState,
			attestationTrusted: verified.attestation.trusted,
			attestationReason: verified.attestation.reason,
		},
	};
	names ??= loadAuthenticatorNames();
	const name = verified.attestation.metadata?.description ?? names.nameOf(verified.aaguid);
	if (name) result.authenticatorName = name;
	return result;
}

let names: AuthenticatorNames | null = null;

/** What `verifyAuthenticationResponse` is given. */
export interface VerifyAuthenticationOptions {
	/** The browser's `PublicKeyCredential.toJSON()` of a `navigator.credentials.get()`. */
	response: AuthenticationResponseBody;
	expectedChallenge: string;
	expectedOrigin: string;
	expectedRpId: string;
	/** The stored credential the response names: its id, COSE public key and last counter. */
	credential: { id: string; publicKey: Uint8Array; counter: number };
	/** @default false */
	requireUserVerification?: boolean;
	/** Pages allowed to embed the ceremony in a cross-origin iframe (clientData `topOrigin`). @default none: refused */
	allowedTopOrigins?: readonly string[];
	/** Accepted for symmetry with registration; an assertion carries no certificates, so nothing depends on it. */
	now?: Date;
}

/** A verified sign-in: store `newCounter` and `backupState` on the credential. */
export interface VerifiedAuthenticationResponse {
	newCounter: number;
	userVerified: boolean;
	backupState: boolean;
}

let signatures: SignatureVerifier | null = null;

/**
 * Verifies a sign-in assertion (WebAuthn L3 §7.2) against a stored credential: client data, authenticator data, the
 * signature, and the counter (a counter that does not increase is refused, except when both are zero).
 * @param options - the response, what you expected, and the stored credential
 * @returns the new counter and flags to store
 * @throws PasskeyError: credential_not_allowed (the response names another credential), malformed_response,
 *   wrong_ceremony_type, challenge_mismatch, origin_mismatch, rp_id_hash_mismatch, user_presence_required,
 *   user_verification_required, invalid_backup_flags, invalid_signature, counter_regression
 * @example
 * const { newCounter } = await verifyAuthenticationResponse({ response: body, expectedChallenge, expectedOrigin, expectedRpId, credential: stored });
 */
export async function verifyAuthenticationResponse(options: VerifyAuthenticationOptions): Promise<VerifiedAuthenticationResponse> {
	const { response } = options;
	const id = canonicalBase64Url(response.rawId ?? response.id);
	const storedId = canonicalBase64Url(options.credential.id);
	if (!id || id !== storedId) {
		throw new PasskeyError("credential_not_allowed", { detail: "The response names a different credential than the one given." });
	}
	const userHandle = typeof response.response.userHandle === "string" ? (canonicalBase64Url(response.response.userHandle) ?? "") : "";
	// The caller found the credential by the response's id; the user handle is theirs to compare with their user.
	const credential = {
		credentialId: id,
		userId: "",
		userHandle,
		publicKey: options.credential.publicKey,
		signCount: options.credential.counter,
	};
	signatures ??= createSignatureVerifier();
	const verified = await verifyAuthentication(response, {
		credential,
		expected: {
			challenge: options.expectedChallenge,
			origin: normalizeOrigin(options.expectedOrigin),
			rpId: options.expectedRpId,
			userVerification: options.requireUserVerification ? "required" : "preferred",
			allowCredentials: [],
			allowedTopOrigins: options.allowedTopOrigins,
		},
		signatures,
	});
	return { newCounter: verified.signCount, userVerified: verified.userVerified, backupState: verified.backupState };
}
