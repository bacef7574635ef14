import { hash } from "node:crypto";
import { PasskeyError } from "@latchkey/protocol";
import { canonicalBase64Url, fromBase64Any } from "../encoding.ts";
import type { Credential } from "../store/store.ts";
import { checkAuthenticatorData } from "./check-authenticator-data.ts";
import { checkClientData } from "./check-client-data.ts";
import type { AuthenticationResponseBody } from "./credential-json.ts";
import { loadWebAuthnHelpers } from "./simplewebauthn.ts";

/**
 * Where an assertion's signature is checked (WebAuthn L3 §7.2 step 21): `signatures/` implements it, on signature
 * threads or on the caller's thread.
 */
export interface SignatureCheck {
	/**
	 * Checks `signature` over `data` with a stored COSE public key.
	 * @returns `valid`, `invalid`, or `unusable_key` when the stored key cannot be parsed or imported
	 */
	check(input: { coseKey: Uint8Array; data: Uint8Array; signature: Uint8Array }): Promise<"valid" | "invalid" | "unusable_key">;
}

/** What the session remembers for a sign-in. */
export interface AuthenticationExpectation {
	challenge: string;
	origin: string;
	rpId: string;
	userVerification: string;
	/** base64url ids the ceremony allowed; empty = discoverable. */
	allowCredentials: string[];
	/** The only user whose passkey may answer (a sign-in begun with a `signin_` token). */
	boundUserId?: string;
	/** Top-level origins that may embed the ceremony in a cross-origin iframe (the app's `allowedTopOrigins`). */
	allowedTopOrigins?: readonly string[] | undefined;
}

/** The verified assertion's new state. */
export interface VerifiedAuthentication {
	signCount: number;
	backupState: boolean;
	userVerified: boolean;
}

/**
 * Verifies an assertion against a stored credential (WebAuthn L3 §7.2). Fails closed: every failure throws.
 * @param body - the response as sent
 * @param input - the stored credential, the session's expectation, and where the signature is checked
 * @throws credential_not_allowed, user_handle_mismatch, malformed_response, wrong_ceremony_type, challenge_mismatch,
 *   origin_mismatch, rp_id_hash_mismatch, user_presence_required, user_verification_required, invalid_backup_flags,
 *   counter_regression, invalid_signature
 */
export async function verifyAuthentication(
	body: AuthenticationResponseBody,
	input: {
		credential: Pick<Credential, "credentialId" | "userId" | "userHandle" | "publicKey" | "signCount">;
		expected: AuthenticationExpectation;
		signatures: SignatureCheck;
	},
): Promise<VerifiedAuthentication> {
	const helpers = await loadWebAuthnHelpers();
	const { credential, expected } = input;
	// §7.2 step 5: the credential must be one the ceremony allowed.
	if (expected.allowCredentials.length > 0 && !expected.allowCredentials.includes(credential.credentialId)) {
		throw new PasskeyError("credential_not_allowed");
	}
	if (expected.boundUserId !== undefined && credential.userId !== expected.boundUserId) throw new PasskeyError("credential_not_allowed");
	// §7.2 step 6: userHandle is optional (field notes 1); when present it must name the credential's owner.
	const userHandle = body.response.userHandle;
	if (typeof userHandle === "string" && userHandle !== "" && canonicalBase64Url(userHandle) !== credential.userHandle) {
		throw new PasskeyError("user_handle_mismatch");
	}
	checkClientData(body.response.clientDataJSON, {
		type: "webauthn.get",
		challenge: expected.challenge,
		origin: expected.origin,
		allowedTopOrigins: expected.allowedTopOrigins,
	});
	const authData = fromBase64Any(body.response.authenticatorData);
	if (!authData) throw new PasskeyError("malformed_response", { detail: "authenticatorData is not base64url." });
	const requireUserVerification = expected.userVerification === "required";
	const parsed = checkAuthenticatorData(authData, { rpId: expected.rpId, requireUserVerification, helpers });
	const signature = fromBase64Any(body.response.signature);
	if (!signature) throw new PasskeyError("malformed_response", { detail: "signature is not base64url." });
	// §7.2 steps 20–21: verify the signature over authData ‖ SHA-256(clientDataJSON) with the stored key.
	const clientDataHash = hash("sha256", fromBase64Any(body.response.clientDataJSON) ?? new Uint8Array(), "buffer");
	const data = new Uint8Array(authData.length + clientDataHash.length);
	data.set(authData);
	data.set(clientDataHash, authData.length);
	const checked = await input.signatures.check({ coseKey: credential.publicKey, data, signature });
	if (checked === "unusable_key") throw new PasskeyError("invalid_signature", { detail: "The stored public key cannot be used." });
	if (checked !== "valid") {
		throw new PasskeyError("invalid_signature", { detail: "The signature does not verify with the stored public key." });
	}
	// §7.2 step 22 (after the signature, so a forgery learns nothing of the stored counter) and field notes 7: compare only when either counter is non-zero.
	if ((parsed.counter > 0 || credential.signCount > 0) && parsed.counter <= credential.signCount) {
		throw new PasskeyError("counter_regression", {
			detail: `The counter went from ${credential.signCount} to ${parsed.counter}.`,
		});
	}
	return { signCount: parsed.counter, backupState: parsed.flags.bs, userVerified: parsed.flags.uv };
}
