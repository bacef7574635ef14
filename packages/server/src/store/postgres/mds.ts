import type pg from "pg";
import type { StoredMdsBlob } from "../model.ts";
import type { MdsStore } from "../store.ts";
import { guarded } from "./postgres-helpers.ts";

interface MdsRow {
	no: string;
	next_update: Date;
	legal_header: string;
	imported_at: Date;
	entries: string;
}

/** The FIDO metadata blob on PostgreSQL: one row, replaced by each import; every node reads the same one. */
export function createPostgresMdsStore(pool: pg.Pool): MdsStore {
	return guarded({
		async put(blob: StoredMdsBlob) {
			await pool.query(
				`INSERT INTO mds_blobs (id, no, next_update, legal_header, imported_at, entries) VALUES (1, $1, $2, $3, $4, $5)
				ON CONFLICT (id) DO UPDATE SET no = EXCLUDED.no, next_update = EXCLUDED.next_update, legal_header = EXCLUDED.legal_header,
					imported_at = EXCLUDED.imported_at, entries = EXCLUDED.entries`,
				[blob.no, blob.nextUpdate, blob.legalHeader, blob.importedAt, JSON.stringify(blob.entries)],
			);
		},
		async latest() {
			const { rows } = await pool.query<MdsRow>("SELECT no, next_update, legal_header, imported_at, entries FROM mds_blobs WHERE id = 1");
			const row = rows[0];
			if (!row) return null;
			return {
				no: Number(row.no),
				nextUpdate: row.next_update,
				legalHeader: row.legal_header,
				importedAt: row.imported_at,
				entries: JSON.parse(row.entries) as StoredMdsBlob["entries"],
			};
		},
		async latestNumber() {
			const { rows } = await pool.query<{ no: string }>("SELECT no FROM mds_blobs WHERE id = 1");
			return rows[0] ? Number(rows[0].no) : null;
		},
	});
}
