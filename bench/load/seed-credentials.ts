// Fills a Latchkey SQLite file with filler credentials (copies of one real row under new ids and users), so sign-in
// can be measured against a big table. Runs in the bench process while the server keeps the file open (WAL mode).
import BetterSqlite3 from "better-sqlite3";

/**
 * Adds credentials to `appId` until it holds `total`, in one transaction; returns the seconds it took.
 * @param file - the server's SQLite file
 * @param input - the app and the total wanted
 */
export function seedCredentials(file: string, input: { appId: string; total: number }): { added: number; seconds: number } {
	const db = new BetterSqlite3(file);
	try {
		db.pragma("busy_timeout = 10000");
		const started = performance.now();
		const have = (db.prepare("SELECT COUNT(*) AS n FROM credentials WHERE app_id = ?").get(input.appId) as { n: number }).n;
		const wanted = Math.max(0, input.total - have);
		const filled = (
			db.prepare("SELECT COUNT(*) AS n FROM credentials WHERE app_id = ? AND user_id LIKE 'filler-%'").get(input.appId) as {
				n: number;
			}
		).n;
		if (wanted > 0) {
			db.prepare(
				`WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
				 INSERT INTO credentials (app_id, credential_id, user_id, user_handle, public_key, sign_count, transports, aaguid,
				   attestation_fmt, backup_eligible, backup_state, discoverable, rp_id, origin, device, country, nickname, created_at, last_used_at)
				 SELECT c.app_id, 'filler' || printf('%08d', n.i) || substr(c.credential_id, 1, 20), 'filler-' || n.i, c.user_handle, c.public_key,
				   0, c.transports, c.aaguid, c.attestation_fmt, c.backup_eligible, c.backup_state, c.discoverable, c.rp_id, c.origin, c.device,
				   c.country, c.nickname, c.created_at, c.last_used_at
				 FROM n, (SELECT * FROM credentials WHERE app_id = ? AND user_id NOT LIKE 'filler-%' LIMIT 1) AS c`,
			).run(filled + 1, filled + wanted, input.appId);
		}
		db.pragma("wal_checkpoint(TRUNCATE)");
		return { added: wanted, seconds: (performance.now() - started) / 1000 };
	} finally {
		db.close();
	}
}
