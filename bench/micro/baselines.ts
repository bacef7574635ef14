// Phase 1's baselines, measured in this process before any server starts: raw verify, one SQLite commit, WebCrypto.
import { generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { performance } from "node:perf_hooks";
import { round } from "../process-stats.ts";
import { withBenchDatabase } from "./measure-storage.ts";

/** crypto.verify of one fixed ES256 (P-256, SHA-256, DER) signature in a tight loop on this thread. */
export function measureRawVerify(seconds: number): { verifiesPerSecond: number; verifies: number; seconds: number } {
	const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
	const data = randomBytes(37 + 32); // the size of authenticatorData ‖ SHA-256(clientDataJSON)
	const signature = sign("sha256", data, { key: privateKey, dsaEncoding: "der" });
	const key = { key: publicKey, dsaEncoding: "der" as const };
	for (let i = 0; i < 500; i++) verify("sha256", data, key, signature); // warm-up
	let count = 0;
	const start = performance.now();
	const end = start + seconds * 1000;
	let now = start;
	while (now < end) {
		for (let i = 0; i < 100; i++) {
			if (!verify("sha256", data, key, signature)) throw new Error("the fixed signature did not verify");
		}
		count += 100;
		now = performance.now();
	}
	const elapsed = (now - start) / 1000;
	return { verifiesPerSecond: round(count / elapsed), verifies: count, seconds: round(elapsed, 2) };
}

/**
 * What one durable write costs on this machine's disk: a WAL commit of one small row (insert, then delete, of a
 * ceremony-shaped row in a table like Latchkey's, `synchronous = NORMAL`), one per transaction, for `seconds`. The WAL
 * is checkpointed outside the timing (the server does it on another thread). Every ceremony step commits at least
 * once, so this bounds the throughput of any server that keeps sessions and counters durably in SQLite.
 */
export function measureCommit(seconds: number): { microsPerCommit: number; commits: number } {
	return withBenchDatabase("commit", (db) => {
		db.exec(`CREATE TABLE ceremonies (id TEXT PRIMARY KEY, app_id TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL,
			expires_at INTEGER NOT NULL) WITHOUT ROWID; CREATE INDEX ceremonies_by_expiry ON ceremonies (expires_at);`);
		const put = db.prepare("INSERT INTO ceremonies (id, app_id, kind, state, expires_at) VALUES (?, 'bench', 'authentication', ?, ?)");
		const take = db.prepare("DELETE FROM ceremonies WHERE id = ? AND app_id = 'bench' RETURNING *");
		const state = "x".repeat(380);
		const live: string[] = [];
		let commits = 0;
		let timed = 0;
		while (timed < seconds * 1000) {
			const ids = Array.from({ length: 1000 }, () => randomBytes(32).toString("base64url"));
			const start = performance.now();
			for (const id of ids) {
				db.exec("BEGIN IMMEDIATE");
				put.run(id, state, Date.now() + 120_000);
				db.exec("COMMIT");
				live.push(id);
				if (live.length > 100) {
					db.exec("BEGIN IMMEDIATE");
					take.get(live.shift());
					db.exec("COMMIT");
					commits++;
				}
				commits++;
			}
			timed += performance.now() - start;
			db.pragma("wal_checkpoint(TRUNCATE)");
		}
		return { microsPerCommit: round((timed * 1000) / commits, 1), commits };
	});
}

/**
 * The server's own path for the same check, one at a time: WebCrypto importKey (JWK, as @simplewebauthn/server does
 * for every assertion) + subtle.verify (raw r‖s). WebCrypto runs the verify on libuv's thread pool, so this is not
 * strictly one core; it shows what a verification costs the server beyond the bare ECDSA math.
 */
export async function measureWebCryptoVerify(seconds: number): Promise<{ verifiesPerSecond: number; verifies: number; seconds: number }> {
	const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
	const data = randomBytes(37 + 32);
	const signature = sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" });
	const jwk = publicKey.export({ format: "jwk" });
	const keyData: JsonWebKey = { kty: "EC", crv: "P-256", x: jwk.x ?? "", y: jwk.y ?? "", ext: false };
	const once = async (): Promise<void> => {
		const key = await crypto.subtle.importKey("jwk", keyData, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
		if (!(await crypto.subtle.verify({ name: "ECDSA", hash: { name: "SHA-256" } }, key, signature, data)))
			throw new Error("did not verify");
	};
	for (let i = 0; i < 200; i++) await once(); // warm-up
	let count = 0;
	const start = performance.now();
	const end = start + seconds * 1000;
	let now = start;
	while (now < end) {
		await once();
		count++;
		now = performance.now();
	}
	const elapsed = (now - start) / 1000;
	return { verifiesPerSecond: round(count / elapsed), verifies: count, seconds: round(elapsed, 2) };
}
