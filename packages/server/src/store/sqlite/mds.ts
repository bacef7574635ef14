import type { Database } from "better-sqlite3";
import type { StoredMdsBlob } from "../model.ts";
import type { MdsStore } from "../store.ts";

interface MdsRow {
	no: number;
	next_update: number;
	legal_header: string;
	imported_at: number;
	entries: string;
}

/**
 * The FIDO metadata blob on SQLite: one row, replaced by each import (a rare write of a few MB, in its own statement
 * outside the group commit).
 * @param db - the open, migrated database
 */
export function createSqliteMdsStore(db: Database): MdsStore {
	const put = db.prepare(
		`INSERT INTO mds_blobs (id, no, next_update, legal_header, imported_at, entries) VALUES (1, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET no = excluded.no, next_update = excluded.next_update, legal_header = excluded.legal_header,
			imported_at = excluded.imported_at, entries = excluded.entries`,
	);
	const latest = db.prepare("SELECT no, next_update, legal_header, imported_at, entries FROM mds_blobs WHERE id = 1");
	const latestNumber = db.prepare("SELECT no FROM mds_blobs WHERE id = 1");
	return {
		async put(blob: StoredMdsBlob) {
			put.run(blob.no, blob.nextUpdate.getTime(), blob.legalHeader, blob.importedAt.getTime(), JSON.stringify(blob.entries));
		},
		async latest() {
			const row = latest.get() as MdsRow | undefined;
			if (!row) return null;
			return {
				no: row.no,
				nextUpdate: new Date(row.next_update),
				legalHeader: row.legal_header,
				importedAt: new Date(row.imported_at),
				entries: JSON.parse(row.entries) as StoredMdsBlob["entries"],
			};
		},
		async latestNumber() {
			const row = latestNumber.get() as { no: number } | undefined;
			return row?.no ?? null;
		},
	};
}
