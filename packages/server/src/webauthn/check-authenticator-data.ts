import { hash, timingSafeEqual } from "node:crypto";
import { PasskeyError } from "@latchkey/protocol";
import type { ParsedAuthenticatorData } from "@simplewebauthn/server/helpers";
import type { WebAuthnHelpers } from "./simplewebauthn.ts";

/**
 * Parses authenticator data and checks the RP ID hash, user presence, user verification (when required) and the
 * backup flags (WebAuthn L3 §7.1 steps 13–16, §7.2 steps 15–18).
 * @param authData - the raw authenticator data
 * @param expected - the RP ID, whether UV is required, and the parser (loadWebAuthnHelpers)
 * @throws malformed_response, rp_id_hash_mismatch, user_presence_required, user_verification_required, invalid_backup_flags
 * @example const parsed = checkAuthenticatorData(authData, { rpId: "example.com", requireUserVerification: false, helpers });
 */
export function checkAuthenticatorData(
	authData: Uint8Array<ArrayBuffer>,
	expected: { rpId: string; requireUserVerification: boolean; helpers: Pick<WebAuthnHelpers, "parseAuthenticatorData"> },
): ParsedAuthenticatorData {
	let parsed: ParsedAuthenticatorData;
	try {
		parsed = expected.helpers.parseAuthenticatorData(authData);
	} catch (cause) {
		throw new PasskeyError("malformed_response", { detail: "The authenticator data could not be parsed.", cause });
	}
	const rpIdHash = hash("sha256", expected.rpId, "buffer");
	if (parsed.rpIdHash.length !== 32 || !timingSafeEqual(parsed.rpIdHash, rpIdHash)) {
		throw new PasskeyError("rp_id_hash_mismatch", { detail: `The authenticator did not sign for '${expected.rpId}'.` });
	}
	if (!parsed.flags.up) throw new PasskeyError("user_presence_required");
	if (expected.requireUserVerification && !parsed.flags.uv) throw new PasskeyError("user_verification_required");
	if (!parsed.flags.be && parsed.flags.bs) throw new PasskeyError("invalid_backup_flags");
	return parsed;
}
