import { PasskeyError } from "@latchkey/protocol";
import type { Clock } from "../clock.ts";
import type { MdsStore, StoredMdsBlob } from "../store/store.ts";
import { verifyMdsBlob } from "./verify-mds-blob.ts";

/** What `latchkey mds import` stored. */
export interface ImportedMdsBlob {
	blob: StoredMdsBlob;
	/** The number of the blob it replaced, or null when none was stored. */
	previousNo: number | null;
}

/**
 * Verifies a FIDO MDS3 blob ({@link verifyMdsBlob}) and stores it in place of the stored one, unless the stored one
 * is newer (a higher `no`) and `force` is not set.
 * @param jwt - the blob as downloaded
 * @param deps - the store and the clock (the check's time and `importedAt`)
 * @param options - `rootCertificates`: trusted roots as PEM; `force`: store even an older blob
 * @throws mds_blob_invalid, mds_blob_expired (see verifyMdsBlob); mds_blob_outdated when the stored blob is newer
 * @example const { blob } = await importMdsBlob(text, { store, clock }, { rootCertificates: [rootPem] });
 */
export async function importMdsBlob(
	jwt: string,
	deps: { store: { mds: MdsStore }; clock: Clock },
	options: { rootCertificates: string[]; force?: boolean },
): Promise<ImportedMdsBlob> {
	const now = deps.clock.now();
	const verified = await verifyMdsBlob(jwt, { rootCertificates: options.rootCertificates, now });
	const previousNo = await deps.store.mds.latestNumber();
	if (previousNo !== null && verified.no < previousNo && options.force !== true) {
		throw new PasskeyError("mds_blob_outdated", {
			detail: `blob no ${verified.no} is older than the imported blob no ${previousNo}; use --force to import it anyway.`,
		});
	}
	const blob: StoredMdsBlob = { ...verified, importedAt: now };
	await deps.store.mds.put(blob);
	return { blob, previousNo };
}
