import type { CredentialQuery } from "./credential-query.ts";
import type { CredentialRecord } from "./credential-record.ts";
import { normalizeCredentialId } from "./normalize-credential-id.ts";

/**
 * Finds the credential an authenticator would use: the most recently created one for the RP ID
 * that is in `allowCredentials` (or discoverable when that list is empty), or exactly
 * `query.credentialId` if it is usable (internal).
 *
 * @param records - Stored credentials keyed by normalized id, in creation order.
 * @param query - The RP ID, allow list and optional credential id.
 * @returns The credential to sign with.
 * @throws {DOMException} `NotAllowedError` when none is usable.
 * @example
 * ```ts
 * const record = findCredential(credentials, { rpId: "example.com", allowCredentials: [] });
 * ```
 */
export function findCredential(records: ReadonlyMap<string, CredentialRecord>, query: CredentialQuery): CredentialRecord {
	const allowedIds = new Set(query.allowCredentials.map((descriptor) => normalizeCredentialId(descriptor.id)));
	const usable = (record: CredentialRecord | undefined): record is CredentialRecord =>
		record !== undefined && record.rpId === query.rpId && (allowedIds.size === 0 ? record.discoverable : allowedIds.has(record.id));
	const candidates =
		query.credentialId === undefined ? [...records.values()].reverse() : [records.get(normalizeCredentialId(query.credentialId))];
	const record = candidates.find(usable);
	if (record === undefined) {
		throw new DOMException(`No usable credential for RP ID ${query.rpId}`, "NotAllowedError");
	}
	return record;
}
