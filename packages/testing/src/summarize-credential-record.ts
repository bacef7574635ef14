import type { CredentialRecord } from "./credential-record.ts";
import type { CredentialSummary } from "./credential-summary.ts";

/**
 * Extracts the public facts of a stored credential (internal).
 *
 * @param record - The stored credential.
 * @returns Its summary, without key material.
 * @example
 * ```ts
 * const summary = summarizeCredentialRecord(record);
 * ```
 */
export function summarizeCredentialRecord(record: CredentialRecord): CredentialSummary {
	const summary: CredentialSummary = {
		id: record.id,
		rpId: record.rpId,
		alg: record.alg,
		counter: record.counter,
		userHandle: record.userHandle,
		discoverable: record.discoverable,
		backupEligible: record.backupEligible,
		backupState: record.backupState,
	};
	if (record.fixedSignCount !== undefined) summary.fixedSignCount = record.fixedSignCount;
	return summary;
}
