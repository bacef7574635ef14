import { createPrivateKey, createPublicKey } from "node:crypto";
import type { CredentialRecord } from "./credential-record.ts";
import { decodeBase64Url } from "./decode-base64url.ts";
import { encodeBase64Url } from "./encode-base64url.ts";
import { encodeCosePublicKey } from "./encode-cose-public-key.ts";
import { encodeSpkiPublicKey } from "./encode-spki-public-key.ts";
import type { ExportedCredential } from "./exported-credential.ts";

/**
 * Rebuilds a stored credential from its exported form (internal).
 *
 * @param exported - A credential produced by `exportCredential()`.
 * @returns The stored credential.
 * @example
 * ```ts
 * const record = importCredentialRecord(JSON.parse(text));
 * ```
 */
export function importCredentialRecord(exported: ExportedCredential): CredentialRecord {
	const privateKey = createPrivateKey(exported.privateKey);
	const publicKey = createPublicKey(privateKey);
	const rawId = decodeBase64Url(exported.id);
	return {
		id: encodeBase64Url(rawId),
		rawId,
		rpId: exported.rpId,
		alg: exported.alg,
		privateKey,
		cosePublicKey: encodeCosePublicKey(publicKey, exported.alg),
		spkiPublicKey: encodeSpkiPublicKey(publicKey, exported.alg),
		counter: exported.counter,
		fixedSignCount: exported.fixedSignCount,
		userHandle: exported.userHandle,
		discoverable: exported.discoverable,
		backupEligible: exported.backupEligible,
		backupState: exported.backupState,
	};
}
