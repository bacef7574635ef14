import { PasskeyError } from "@latchkey/protocol";
import { systemClock } from "../clock.ts";
import { canonicalBase64Url, fromBase64Any } from "../encoding.ts";
import { SUPPORTED_ALGORITHMS } from "./algorithms.ts";
import {
	type AttestationMode,
	type AttestationTrust,
	enforceAttestationMode,
	evaluateAttestation,
	type TrustSources,
} from "./attestation-trust.ts";
import { checkAuthenticatorData } from "./check-authenticator-data.ts";
import { checkClientData } from "./check-client-data.ts";
import type { RegistrationResponseBody } from "./credential-json.ts";
import { atTime } from "./pin-wall-clock.ts";
import { showsPrfSupport } from "./shows-prf-support.ts";
import { loadWebAuthnHelpers } from "./simplewebauthn.ts";

/** What the session remembers for a registration. */
export interface RegistrationExpectation {
	challenge: string;
	origin: string;
	rpId: string;
	userVerification: string;
	/** Top-level origins that may embed the ceremony in a cross-origin iframe (the app's `allowedTopOrigins`). */
	allowedTopOrigins?: readonly string[] | undefined;
}

/** A verified new credential, ready to store. */
export interface VerifiedRegistration {
	credentialId: string;
	publicKey: Uint8Array;
	/** The COSE algorithm of the public key. */
	alg: number;
	signCount: number;
	aaguid: string;
	attestationFmt: string;
	backupEligible: boolean;
	backupState: boolean;
	discoverable: boolean | null;
	/** The browser reported `prf.enabled` (the passkey supports the PRF extension). */
	prfSupported: boolean;
	transports: string[];
	/** What the attestation statement proves (format, trusted or not, and why). */
	attestation: AttestationTrust;
}

/** How a registration's attestation is judged: at what time, against which anchors and metadata, how strictly. */
export interface AttestationCheck {
	/** The time certificates must be valid at (the server's clock; the library's `now`). */
	now: Date;
	sources: TrustSources;
	mode: AttestationMode;
	/** `consulted`: `sources.metadata` is the FIDO metadata; `none`: the caller uses none; `missing`: wanted, not imported. */
	metadata: "consulted" | "none" | "missing";
}

const PERMISSIVE: Omit<AttestationCheck, "now"> = { sources: {}, mode: "permissive", metadata: "none" };

const COSE_ALG = 3;

let rootsCleared = false;

/**
 * Empties `@simplewebauthn/server`'s root certificates once: it would check chains against its defaults at the wall
 * clock's time (and fetch CRLs over the network). Latchkey checks chains itself (attestation-trust.ts), at the
 * server's time, against the metadata and the shipped roots; the library still verifies every statement's signature
 * and format rules.
 */
function clearLibraryRoots(library: typeof import("@simplewebauthn/server")): void {
	if (rootsCleared) return;
	rootsCleared = true;
	for (const identifier of ["packed", "tpm", "android-key", "android-safetynet", "fido-u2f", "apple", "none", "mds"] as const) {
		library.SettingsService.setRootCertificates({ identifier, certificates: [] });
	}
}

/** Verifies a registration's attestation statement (every format but `none`) with @simplewebauthn/server. */
async function verifyStatement(
	body: RegistrationResponseBody,
	input: { id: string; rawId: string; fmt: string; expected: RegistrationExpectation; requireUserVerification: boolean; now: Date },
): Promise<void> {
	const { id, rawId, fmt, expected, requireUserVerification } = input;
	// Loaded on the first attested registration only (its attestation verifiers are never needed for `none`).
	const library = await import("@simplewebauthn/server");
	clearLibraryRoots(library);
	let verification: Awaited<ReturnType<typeof library.verifyRegistrationResponse>>;
	try {
		verification = await atTime(input.now, () =>
			library.verifyRegistrationResponse({
				response: {
					id,
					rawId,
					type: "public-key",
					clientExtensionResults: {},
					response: { attestationObject: body.response.attestationObject, clientDataJSON: body.response.clientDataJSON },
				},
				expectedChallenge: expected.challenge,
				expectedOrigin: expected.origin,
				expectedRPID: expected.rpId,
				requireUserVerification,
				supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
			}),
		);
	} catch (cause) {
		const message = cause instanceof Error ? cause.message : "The attestation could not be verified.";
		throw new PasskeyError("fido2_invalid_registration", { detail: message, cause });
	}
	if (!verification.verified) {
		throw new PasskeyError("fido2_invalid_registration", { detail: `The ${fmt} attestation statement does not verify.` });
	}
}

/**
 * Verifies a registration response (WebAuthn L3 §7.1): client data, authenticator data, algorithm, then the
 * attestation statement through `@simplewebauthn/server` (a `none` attestation only needs its statement empty). Fails closed: every failure throws.
 * @param body - the response as sent
 * Then decides what the statement proves (attestation-trust.ts) and, in `strict` mode, refuses what it does not.
 * @param body - the response as sent
 * @param expected - the session's challenge, origin, RP ID and UV requirement
 * @param check - the time, trust anchors, metadata and mode @default permissive, no metadata, the wall clock
 * @throws malformed_response, wrong_ceremony_type, challenge_mismatch, origin_mismatch, rp_id_hash_mismatch,
 *   user_presence_required, user_verification_required, invalid_backup_flags, unsupported_algorithm,
 *   fido2_invalid_registration, attestation_format_not_supported, and in strict mode attestation_not_trusted,
 *   authenticator_not_certified, authenticator_revoked
 */
export async function verifyRegistration(
	body: RegistrationResponseBody,
	expected: RegistrationExpectation,
	check: AttestationCheck = { ...PERMISSIVE, now: systemClock.now() },
): Promise<VerifiedRegistration> {
	const helpers = await loadWebAuthnHelpers();
	const { convertAAGUIDToString, decodeAttestationObject, decodeCredentialPublicKey } = helpers;
	const id = canonicalBase64Url(body.id);
	const rawId = canonicalBase64Url(body.rawId);
	if (!id || !rawId || id !== rawId)
		throw new PasskeyError("malformed_response", { detail: "id and rawId must be the same base64url value." });
	if (body.type !== "public-key") throw new PasskeyError("malformed_response", { detail: "type must be 'public-key'." });
	checkClientData(body.response.clientDataJSON, {
		type: "webauthn.create",
		challenge: expected.challenge,
		origin: expected.origin,
		allowedTopOrigins: expected.allowedTopOrigins,
	});

	const attestationBytes = fromBase64Any(body.response.attestationObject);
	let fmt: string;
	let authData: Uint8Array<ArrayBuffer>;
	let statement: Map<string, unknown>;
	try {
		if (!attestationBytes) throw new Error("not base64url");
		const decoded = decodeAttestationObject(attestationBytes);
		fmt = decoded.get("fmt");
		authData = new Uint8Array(decoded.get("authData"));
		const attStmt: unknown = decoded.get("attStmt");
		if (typeof fmt !== "string" || !(authData instanceof Uint8Array) || !(attStmt instanceof Map)) {
			throw new Error("fmt, authData or attStmt missing");
		}
		statement = attStmt;
	} catch (cause) {
		throw new PasskeyError("malformed_response", { detail: "attestationObject is not a valid CBOR attestation object.", cause });
	}
	const requireUserVerification = expected.userVerification === "required";
	const parsed = checkAuthenticatorData(authData, { rpId: expected.rpId, requireUserVerification, helpers });
	if (!parsed.flags.at || !parsed.credentialID || !parsed.credentialPublicKey || !parsed.aaguid) {
		throw new PasskeyError("malformed_response", { detail: "The authenticator data carries no attested credential." });
	}
	let alg: unknown;
	try {
		alg = decodeCredentialPublicKey(parsed.credentialPublicKey).get(COSE_ALG);
	} catch (cause) {
		throw new PasskeyError("malformed_response", { detail: "The credential public key is not a valid COSE key.", cause });
	}
	if (!(SUPPORTED_ALGORITHMS as readonly unknown[]).includes(alg)) {
		throw new PasskeyError("unsupported_algorithm", { detail: `COSE algorithm ${String(alg)} is not accepted.` });
	}

	// §8.7: `none` carries no statement to verify; every other check above is all @simplewebauthn/server would do
	// for it again (decode, client data, RP ID hash, flags, algorithm). Other formats go through it.
	if (fmt === "none") {
		if (statement.size > 0)
			throw new PasskeyError("fido2_invalid_registration", { detail: "A 'none' attestation must have an empty statement." });
	} else if (fmt === "android-safetynet") {
		throw new PasskeyError("attestation_format_not_supported", {
			detail:
				"android-safetynet attestation cannot be trusted since Google shut the SafetyNet Attestation API down; Android sends android-key or none.",
		});
	} else {
		await verifyStatement(body, { id, rawId, fmt, expected, requireUserVerification, now: check.now });
	}
	const aaguid = convertAAGUIDToString(parsed.aaguid);
	const x5c = statement.get("x5c");
	const attestation = await evaluateAttestation(
		{ fmt, x5c: Array.isArray(x5c) ? (x5c as Uint8Array[]) : undefined, aaguid, now: check.now },
		check.sources,
	);
	enforceAttestationMode(attestation, check);

	const extensions = body.clientExtensionResults ?? body.extensions;
	const credProps = extensions?.credProps as { rk?: unknown } | undefined;
	const rk = credProps?.rk;
	const transports = Array.isArray(body.response.transports)
		? body.response.transports.filter((t): t is string => typeof t === "string" && t.length > 0 && t.length <= 32).slice(0, 8)
		: [];
	return {
		credentialId: rawId,
		publicKey: parsed.credentialPublicKey,
		alg: alg as number,
		signCount: parsed.counter,
		aaguid,
		attestationFmt: fmt,
		backupEligible: parsed.flags.be,
		backupState: parsed.flags.bs,
		discoverable: typeof rk === "boolean" ? rk : null,
		prfSupported: showsPrfSupport(extensions),
		transports,
		attestation,
	};
}
