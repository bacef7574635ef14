import type { CredentialRecord } from "./credential-record.ts";
import { encodeBase64Url } from "./encode-base64url.ts";
import type { ExportedCredential } from "./exported-credential.ts";
import { summarizeCredentialRecord } from "./summarize-credential-record.ts";

/**
 * Turns a stored credential into its JSON-serializable form (internal).
 *
 * @param record - The stored credential.
 * @returns The exported credential with its private key as PKCS#8 PEM.
 * @example
 * ```ts
 * const exported = exportCredentialRecord(record);
 * ```
 */
export function exportCredentialRecord(record: CredentialRecord): ExportedCredential {
	return {
		...summarizeCredentialRecord(record),
		privateKey: String(record.privateKey.export({ type: "pkcs8", format: "pem" })),
		publicKey: encodeBase64Url(record.cosePublicKey),
	};
}
