import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import type { Clock } from "../clock.ts";
import type { MdsStore, StoredMdsBlob } from "../store/store.ts";

export { isCertified, isCompromised, latestStatus } from "../webauthn/metadata-status.ts";

/** The imported FIDO metadata, indexed for lookups at registration. */
export interface MdsCatalog {
	/** The blob's serial number. */
	readonly no: number;
	/** The blob's `nextUpdate` (midnight UTC of that date). */
	readonly nextUpdate: Date;
	/** The entry of a FIDO2 authenticator by AAGUID (any case, with or without dashes), or undefined. */
	entryForAaguid(aaguid: string): MetadataBLOBPayloadEntry | undefined;
	/**
	 * The entry of a FIDO U2F authenticator by one of its `attestationCertificateKeyIdentifiers` (hex SHA-1 of the
	 * attestation certificate's public key, any case), or undefined.
	 */
	entryForKeyIdentifier(keyId: string): MetadataBLOBPayloadEntry | undefined;
	/** Every entry, in the blob's order. */
	entries(): readonly MetadataBLOBPayloadEntry[];
}

/** "0123…" (32 hex) or any-case dashed → lower-case dashed; anything else lower-cased as it is. */
function normalizeAaguid(aaguid: string): string {
	const lower = aaguid.trim().toLowerCase();
	if (/^[0-9a-f]{32}$/.test(lower)) {
		return `${lower.slice(0, 8)}-${lower.slice(8, 12)}-${lower.slice(12, 16)}-${lower.slice(16, 20)}-${lower.slice(20)}`;
	}
	return lower;
}

/**
 * Indexes a metadata blob by AAGUID and by U2F attestation key identifier (the first entry wins when the blob names
 * one twice).
 * @param blob - a stored or freshly verified blob
 * @example createMdsCatalog(await store.mds.latest()).entryForAaguid("ee882879-721c-4913-9775-3dfcce97072a")
 */
export function createMdsCatalog(blob: Pick<StoredMdsBlob, "no" | "nextUpdate" | "entries">): MdsCatalog {
	const byAaguid = new Map<string, MetadataBLOBPayloadEntry>();
	const byKeyId = new Map<string, MetadataBLOBPayloadEntry>();
	for (const entry of blob.entries) {
		if (typeof entry.aaguid === "string") {
			const key = normalizeAaguid(entry.aaguid);
			if (!byAaguid.has(key)) byAaguid.set(key, entry);
		}
		for (const keyId of entry.attestationCertificateKeyIdentifiers ?? []) {
			const key = keyId.toLowerCase();
			if (!byKeyId.has(key)) byKeyId.set(key, entry);
		}
	}
	const entries: readonly MetadataBLOBPayloadEntry[] = Object.freeze([...blob.entries]);
	return {
		no: blob.no,
		nextUpdate: new Date(blob.nextUpdate.getTime()),
		entryForAaguid: (aaguid) => byAaguid.get(normalizeAaguid(aaguid)),
		entryForKeyIdentifier: (keyId) => byKeyId.get(keyId.trim().toLowerCase()),
		entries: () => entries,
	};
}

/** Where a server reads the imported FIDO metadata (`Deps.mds`). */
export interface MdsSource {
	/**
	 * The latest imported blob as a catalog, or null when none was imported. Reads the store at the first call, then
	 * asks only for the stored blob's number at most every `refreshMs`, and reloads when it changed.
	 * @throws what the store throws (service_unavailable when PostgreSQL is unreachable)
	 */
	current(): Promise<MdsCatalog | null>;
}

/**
 * A cached view of the imported FIDO metadata: loads the latest blob from the store once, then checks
 * `latestNumber()` at most every `refreshMs` and reloads only when another number was imported (so every node of a
 * PostgreSQL deployment picks up `latchkey mds import` within `refreshMs`). Concurrent callers share one read.
 * @param store - anything with the `mds` store (the whole Store will do)
 * @param clock - when to check again
 * @param options - `refreshMs`: how long a checked catalog is served without asking the store
 * @default options.refreshMs 60_000
 * @example
 * const mds = createMdsSource(store, systemClock);
 * const entry = (await mds.current())?.entryForAaguid(aaguid);
 */
export function createMdsSource(store: { mds: MdsStore }, clock: Clock, options: { refreshMs?: number } = {}): MdsSource {
	const refreshMs = options.refreshMs ?? 60_000;
	let catalog: MdsCatalog | null = null;
	let checkedAt: number | null = null;
	let refreshing: Promise<MdsCatalog | null> | null = null;

	const refresh = async (now: number): Promise<MdsCatalog | null> => {
		const no = await store.mds.latestNumber();
		if (no === null) catalog = null;
		else if (catalog?.no !== no) {
			const blob = await store.mds.latest();
			catalog = blob === null ? null : createMdsCatalog(blob);
		}
		checkedAt = now;
		return catalog;
	};

	return {
		async current() {
			const now = clock.now().getTime();
			if (checkedAt !== null && now - checkedAt < refreshMs && now >= checkedAt) return catalog;
			refreshing ??= refresh(now).finally(() => {
				refreshing = null;
			});
			return refreshing;
		},
	};
}
