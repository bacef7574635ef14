import type { CredentialJson } from "@latchkey/protocol";
import { fromBase64Any, toBase64 } from "../encoding.ts";
import type { Credential } from "../store/store.ts";

/**
 * Shapes a stored credential for the wire: `descriptor.id` base64url, `publicKey` and `userHandle` standard base64,
 * timestamps ISO-8601 UTC with `Z`, `aaGuid` always a GUID string (Latchkey fills every nullable member of
 * {@link CredentialJson} but `nickname` and `isDiscoverable`).
 * @param credential - the stored credential
 */
export function toCredentialJson(credential: Credential): CredentialJson {
	const descriptor: CredentialJson["descriptor"] = { type: "public-key", id: credential.credentialId };
	if (credential.transports.length > 0) descriptor.transports = credential.transports;
	return {
		descriptor,
		publicKey: toBase64(credential.publicKey),
		userHandle: toBase64(fromBase64Any(credential.userHandle) ?? new Uint8Array()),
		signatureCounter: credential.signCount,
		attestationFmt: credential.attestationFmt,
		createdAt: credential.createdAt.toISOString(),
		aaGuid: credential.aaguid,
		lastUsedAt: credential.lastUsedAt.toISOString(),
		rpid: credential.rpId,
		origin: credential.origin,
		country: credential.country,
		device: credential.device,
		nickname: credential.nickname,
		userId: credential.userId,
		backupState: credential.backupState,
		isBackupEligible: credential.backupEligible,
		isDiscoverable: credential.discoverable,
	};
}
