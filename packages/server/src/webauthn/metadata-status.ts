import type { MetadataBLOBPayloadEntry, StatusReport } from "@simplewebauthn/server";

/** Finds FIDO metadata entries; the server's imported MDS blob, or a caller's own list, implements it. */
export interface MetadataLookup {
	/** The entry of an AAGUID (lower-case, dashed). */
	entryForAaguid(aaguid: string): MetadataBLOBPayloadEntry | undefined;
	/** The entry of a U2F authenticator, by the lower-case hex SHA-1 of its attestation certificate's public key. */
	entryForKeyIdentifier(keyIdentifier: string): MetadataBLOBPayloadEntry | undefined;
}

/** Statuses after which an authenticator is not to be trusted (FIDO MDS3 §3.1.4). */
const COMPROMISED = new Set([
	"REVOKED",
	"USER_VERIFICATION_BYPASS",
	"ATTESTATION_KEY_COMPROMISE",
	"USER_KEY_REMOTE_COMPROMISE",
	"USER_KEY_PHYSICAL_COMPROMISE",
]);

/**
 * The entry's latest status report: the one with the latest `effectiveDate` (reports without one count as oldest),
 * the last listed among equals.
 * @example latestStatus(entry)?.status // "FIDO_CERTIFIED_L1"
 */
export function latestStatus(entry: MetadataBLOBPayloadEntry): StatusReport | undefined {
	let latest: StatusReport | undefined;
	for (const report of entry.statusReports ?? []) {
		if (!latest || (report.effectiveDate ?? "") >= (latest.effectiveDate ?? "")) latest = report;
	}
	return latest;
}

/** Whether the latest status report says the authenticator is revoked or its keys compromised. */
export function isCompromised(entry: MetadataBLOBPayloadEntry): boolean {
	const status = latestStatus(entry)?.status;
	return status !== undefined && COMPROMISED.has(status);
}

/** Whether the authenticator holds a FIDO certification (any level) and is not compromised. */
export function isCertified(entry: MetadataBLOBPayloadEntry): boolean {
	if (isCompromised(entry)) return false;
	return (entry.statusReports ?? []).some((report) => report.status.startsWith("FIDO_CERTIFIED"));
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
