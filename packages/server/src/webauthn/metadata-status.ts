import type { AuthenticatorStatus, MetadataBLOBPayloadEntry, StatusReport } from "@simplewebauthn/server";

/** Finds FIDO metadata entries; the server's imported MDS blob, or a caller's own list, implements it. */
export interface MetadataLookup {
	/** The entry of an AAGUID (lower-case, dashed). */
	entryForAaguid(aaguid: string): MetadataBLOBPayloadEntry | undefined;
	/** The entry of a U2F authenticator, by the lower-case hex SHA-1 of its attestation certificate's public key. */
	entryForKeyIdentifier(keyIdentifier: string): MetadataBLOBPayloadEntry | undefined;
}

/** The statuses that certify an authenticator (FIDO Registry of Predefined Values, AuthenticatorStatus). */
const CERTIFIED: ReadonlySet<AuthenticatorStatus> = new Set<AuthenticatorStatus>([
	"FIDO_CERTIFIED",
	"FIDO_CERTIFIED_L1",
	"FIDO_CERTIFIED_L1plus",
	"FIDO_CERTIFIED_L2",
	"FIDO_CERTIFIED_L2plus",
	"FIDO_CERTIFIED_L3",
	"FIDO_CERTIFIED_L3plus",
]);

/** The statuses that say an authenticator, or its keys, must not be trusted any more. */
const COMPROMISED: ReadonlySet<AuthenticatorStatus> = new Set<AuthenticatorStatus>([
	"REVOKED",
	"USER_VERIFICATION_BYPASS",
	"ATTESTATION_KEY_COMPROMISE",
	"USER_KEY_REMOTE_COMPROMISE",
	"USER_KEY_PHYSICAL_COMPROMISE",
]);

/** The entry's status reports, oldest first by `effectiveDate` (a report without one counts as oldest; ties keep the blob's order). */
function chronological(entry: MetadataBLOBPayloadEntry): StatusReport[] {
	return [...(entry.statusReports ?? [])]
		.map((report, index) => ({ report, index }))
		.sort((a, b) => {
			const [da, db] = [a.report.effectiveDate ?? "", b.report.effectiveDate ?? ""];
			return da < db ? -1 : da > db ? 1 : a.index - b.index;
		})
		.map(({ report }) => report);
}

/**
 * The entry's most recent status report, by `effectiveDate` (MDS3 does not promise an order in `statusReports`).
 * @param entry - a metadata entry
 * @returns the report, or undefined when the entry has none
 * @example latestStatus(entry)?.status // "FIDO_CERTIFIED_L1"
 */
export function latestStatus(entry: MetadataBLOBPayloadEntry): StatusReport | undefined {
	return chronological(entry).at(-1);
}

/**
 * Whether the authenticator was ever FIDO certified (FIDO_CERTIFIED or a level L1 … L3plus) and not revoked after
 * that certification (a later certification counts again).
 * @param entry - a metadata entry
 * @example isCertified(entry) // true for reports [NOT_FIDO_CERTIFIED 2023, FIDO_CERTIFIED_L1 2024]
 */
export function isCertified(entry: MetadataBLOBPayloadEntry): boolean {
	let certified = false;
	for (const report of chronological(entry)) {
		if (CERTIFIED.has(report.status)) certified = true;
		else if (report.status === "REVOKED") certified = false;
	}
	return certified;
}

/**
 * Whether the latest status report says the authenticator must not be trusted: REVOKED, USER_VERIFICATION_BYPASS,
 * ATTESTATION_KEY_COMPROMISE, USER_KEY_REMOTE_COMPROMISE or USER_KEY_PHYSICAL_COMPROMISE.
 * @param entry - a metadata entry
 * @example isCompromised(entry) // true when the latest report is REVOKED
 */
export function isCompromised(entry: MetadataBLOBPayloadEntry): boolean {
	const latest = latestStatus(entry);
	return latest !== undefined && COMPROMISED.has(latest.status);
}

/** A lookup over a plain list of entries (the library's `attestation.metadata`, tests). */
export function metadataFromEntries(entries: readonly MetadataBLOBPayloadEntry[]): MetadataLookup {
	const byAaguid = new Map<string, MetadataBLOBPayloadEntry>();
	const byKeyIdentifier = new Map<string, MetadataBLOBPayloadEntry>();
	for (const entry of entries) {
		if (entry.aaguid) byAaguid.set(entry.aaguid.toLowerCase(), entry);
		for (const keyId of entry.attestationCertificateKeyIdentifiers ?? []) byKeyIdentifier.set(keyId.toLowerCase(), entry);
	}
	return {
		entryForAaguid: (aaguid) => byAaguid.get(aaguid.toLowerCase()),
		entryForKeyIdentifier: (keyId) => byKeyIdentifier.get(keyId.toLowerCase()),
	};
}
