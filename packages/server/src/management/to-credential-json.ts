import type { CredentialJson } from "@latchkey/protocol";
import type { AuthenticatorNames } from "../authenticators/authenticator-names.ts";
import { fromBase64Any, toBase64 } from "../encoding.ts";
import type { Credential } from "../store/store.ts";

/**
 * Shapes a stored credential for the wire: `descriptor.id` base64url, `publicKey` and `userHandle` standard base64,
 * timestamps ISO-8601 UTC with `Z`, `aaGuid` always a GUID string (Latchkey fills every nullable member of
 * {@link CredentialJson} but `nickname` and `isDiscoverable`), and `authenticatorName` (a Latchkey extension) when
 * `names` knows the AAGUID.
 * @param credential - the stored credential
 * @param names - passkey provider names by AAGUID; absent, no `authenticatorName`
 */
export function toCredentialJson(credential: Credential, names?: AuthenticatorNames): CredentialJson {
	const descriptor: CredentialJson["descriptor"] = { type: "public-key", id: credential.credentialId };
	if (credential.transports.length > 0) descriptor.transports = credential.transports;
	const json: CredentialJson = {
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
		prfSupported: credential.prfSupported,
	};
	const authenticatorName = names?.nameOf(credential.aaguid);
	if (authenticatorName !== undefined) json.authenticatorName = authenticatorName;
	if (credential.attestationTrust) json.attestationTrust = { ...credential.attestationTrust };
	return json;
}
