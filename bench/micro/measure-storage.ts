// The SQLite work a sign-in cannot do without, measured on Latchkey's own schema (the migrations) with the same
// statements its store runs: the floor under targets 1 and 2 that storage sets, next to the HTTP floor and the
// signature check. Writes are grouped ten to a commit, as the server's group commit does with ten connections.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateSqliteFile } from "@latchkey/server";
import BetterSqlite3 from "better-sqlite3";

/** µs of this thread per step, storage only. */
export interface StorageCost {
	/** begin: the user's credentials read, the session written. */
	beginMicros: number;
	/** complete: the session and the credential read; the session taken, the counter swapped, the token written. */
	completeMicros: number;
	/** verify: the token taken. */
	verifyMicros: number;
	/** Writes per commit. */
	perCommit: number;
	signIns: number;
}

const USERS = 2000;
const BATCH = 10;

/**
 * Runs `work` on a throwaway SQLite file set up as the server's (WAL, `synchronous = NORMAL`) but with SQLite's own
 * checkpoints off, so that a measurement checkpoints outside its timing; the file is removed afterwards.
 * @param name - names the temp folder and the file
 * @param work - what to measure
 */
export function withBenchDatabase<T>(name: string, work: (db: BetterSqlite3.Database) => T): T {
	const dir = mkdtempSync(join(tmpdir(), `latchkey-bench-${name}-`));
	const db = new BetterSqlite3(join(dir, `${name}.db`));
	try {
		db.pragma("journal_mode = WAL");
		db.pragma("synchronous = NORMAL");
		db.pragma("wal_autocheckpoint = 0");
		return work(db);
	} finally {
		db.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Runs whole sign-ins' statements for `seconds` (WAL, `synchronous = NORMAL`, checkpoints outside the timing, as the
 * server runs them on another thread).
 * @param seconds - how long to measure
 */
export function measureStorage(seconds: number): StorageCost {
	return withBenchDatabase("storage", (db) => {
		migrateSqliteFile(db.name, new Date());
		db.prepare("INSERT INTO apps (id, settings, created_at) VALUES ('bench', '{}', 0)").run();
		const q = {
			insertCredential: db.prepare(
				`INSERT INTO credentials (app_id, credential_id, user_id, user_handle, public_key, sign_count, transports, aaguid,
				 attestation_fmt, backup_eligible, backup_state, discoverable, rp_id, origin, device, country, nickname, created_at,
				 last_used_at) VALUES ('bench', ?, ?, ?, ?, 0, '["internal"]', ?, 'none', 0, 0, 1, 'localhost',
				 'http://localhost:8080', '', '', '', 0, 0)`,
			),
			credentialsByUser: db.prepare("SELECT * FROM credentials WHERE app_id = ? AND user_id = ? ORDER BY created_at"),
			putCeremony: db.prepare("INSERT INTO ceremonies (id, app_id, kind, state, expires_at) VALUES (?, ?, ?, ?, ?)"),
			findCeremony: db.prepare("SELECT * FROM ceremonies WHERE id = ? AND app_id = ?"),
			findCredential: db.prepare("SELECT * FROM credentials WHERE app_id = ? AND credential_id = ?"),
			dropCeremony: db.prepare("DELETE FROM ceremonies WHERE id = ? AND app_id = ?"),
			recordUse: db.prepare(
				`UPDATE credentials SET sign_count = ?, backup_state = ?, last_used_at = ?, device = ?, country = ?
				 WHERE app_id = ? AND credential_id = ? AND sign_count = ?`,
			),
			putToken: db.prepare("INSERT INTO tokens (id, app_id, kind, payload, expires_at) VALUES (?, ?, ?, ?, ?)"),
			takeToken: db.prepare("DELETE FROM tokens WHERE id = ? AND app_id = ? RETURNING *"),
		};
		const users = Array.from({ length: USERS }, (_, i) => ({
			userId: `user-${i}`,
			credentialId: randomBytes(32).toString("base64url"),
			counter: 0,
		}));
		db.transaction(() => {
			for (const user of users) {
				q.insertCredential.run(user.credentialId, user.userId, randomBytes(16).toString("base64url"), randomBytes(77), randomBytes(16));
			}
		})();
		const state = JSON.stringify({ challenge: randomBytes(32).toString("base64url"), userVerification: "preferred", pad: "x".repeat(300) });
		const payload = JSON.stringify({ userId: "user", credentialId: randomBytes(32).toString("base64url"), pad: "x".repeat(250) });
		const inTransaction = (work: () => void): void => {
			db.exec("BEGIN IMMEDIATE");
			work();
			db.exec("COMMIT");
		};
		const spent = { begin: 0, complete: 0, verify: 0 };
		let signIns = 0;
		let next = 0;
		while (spent.begin + spent.complete + spent.verify < seconds * 1000) {
			for (let round = 0; round < 100; round++) {
				const batch = Array.from({ length: BATCH }, () => users[next++ % USERS] as (typeof users)[number]);
				const sessions = batch.map(() => randomBytes(32).toString("base64url"));
				const tokens = batch.map(() => `verify_${randomBytes(32).toString("base64url")}`);
				let started = performance.now();
				for (const user of batch) q.credentialsByUser.all("bench", user.userId);
				inTransaction(() => {
					for (const session of sessions) q.putCeremony.run(session, "bench", "authentication", state, Date.now() + 120_000);
				});
				spent.begin += performance.now() - started;
				started = performance.now();
				batch.forEach((user, i) => {
					if (!q.findCeremony.get(sessions[i], "bench") || !q.findCredential.get("bench", user.credentialId)) {
						throw new Error("a prepared row is missing");
					}
				});
				inTransaction(() => {
					batch.forEach((user, i) => {
						q.dropCeremony.run(sessions[i], "bench");
						q.recordUse.run(user.counter + 1, 0, Date.now(), "", "", "bench", user.credentialId, user.counter);
						user.counter++;
						q.putToken.run(tokens[i], "bench", "verify", payload, Date.now() + 120_000);
					});
				});
				spent.complete += performance.now() - started;
				started = performance.now();
				inTransaction(() => {
					for (const token of tokens) q.takeToken.get(token, "bench");
				});
				spent.verify += performance.now() - started;
				signIns += BATCH;
			}
			db.pragma("wal_checkpoint(TRUNCATE)");
		}
		const micros = (ms: number): number => Math.round((ms * 10_000) / signIns) / 10;
		return {
			beginMicros: micros(spent.begin),
			completeMicros: micros(spent.complete),
			verifyMicros: micros(spent.verify),
			perCommit: BATCH,
			signIns,
		};
	});
}
