import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PasskeyError } from "@latchkey/protocol";
import BetterSqlite3 from "better-sqlite3";
import type { Alias, ApiKeyRecord, App, Ceremony, Credential, Store, Token } from "../store.ts";
import { migrateSqlite } from "./migrate-sqlite.ts";

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions {
	/** Time the migrations are recorded at. */
	now: Date;
	/** SQLite `synchronous` pragma: NORMAL survives a process crash in WAL mode; FULL also survives power loss. */
	synchronous?: "NORMAL" | "FULL";
}

interface CredentialRow {
	app_id: string;
	credential_id: string;
	user_id: string;
	user_handle: string;
	public_key: Uint8Array;
	sign_count: number;
	transports: string;
	aaguid: string;
	attestation_fmt: string;
	backup_eligible: number;
	backup_state: number;
	discoverable: number | null;
	rp_id: string;
	origin: string;
	device: string;
	country: string;
	nickname: string | null;
	created_at: number;
	last_used_at: number;
}

function toCredential(row: CredentialRow): Credential {
	return {
		appId: row.app_id,
		credentialId: row.credential_id,
		userId: row.user_id,
		userHandle: row.user_handle,
		publicKey: new Uint8Array(row.public_key),
		signCount: row.sign_count,
		transports: JSON.parse(row.transports) as string[],
		aaguid: row.aaguid,
		attestationFmt: row.attestation_fmt,
		backupEligible: row.backup_eligible === 1,
		backupState: row.backup_state === 1,
		discoverable: row.discoverable === null ? null : row.discoverable === 1,
		rpId: row.rp_id,
		origin: row.origin,
		device: row.device,
		country: row.country,
		nickname: row.nickname,
		createdAt: new Date(row.created_at),
		lastUsedAt: new Date(row.last_used_at),
	};
}

interface StateRow {
	id: string;
	app_id: string;
	kind: string;
	state?: string;
	payload?: string;
	expires_at: number;
}

/**
 * The embedded store: one SQLite file through better-sqlite3 in WAL mode, migrated on open.
 * @param path - the database file (its folder is created), or ":memory:"
 * @param options - see {@link SqliteStoreOptions}
 * @example const store = createSqliteStore("./data/latchkey.db", { now: new Date() });
 */
export function createSqliteStore(path: string, options: SqliteStoreOptions): Store {
	if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
	const db = new BetterSqlite3(path);
	db.pragma("journal_mode = WAL");
	db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
	db.pragma("foreign_keys = ON");
	db.pragma("busy_timeout = 5000");
	migrateSqlite(db, options.now);

	const q = {
		insertApp: db.prepare("INSERT INTO apps (id, settings, created_at) VALUES (?, ?, ?)"),
		findApp: db.prepare("SELECT id, settings, created_at FROM apps WHERE id = ?"),
		listApps: db.prepare("SELECT id, settings, created_at FROM apps ORDER BY id"),
		insertKey: db.prepare(
			"INSERT INTO api_keys (app_id, id, kind, scopes, salt, hash, locked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		),
		keysByApp: db.prepare("SELECT * FROM api_keys WHERE app_id = ? AND kind = ?"),
		findCredential: db.prepare("SELECT * FROM credentials WHERE app_id = ? AND credential_id = ?"),
		credentialsByUser: db.prepare("SELECT * FROM credentials WHERE app_id = ? AND user_id = ? ORDER BY created_at"),
		insertCredential: db.prepare(
			`INSERT INTO credentials (app_id, credential_id, user_id, user_handle, public_key, sign_count, transports, aaguid,
			 attestation_fmt, backup_eligible, backup_state, discoverable, rp_id, origin, device, country, nickname, created_at,
			 last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		),
		recordUse: db.prepare(
			`UPDATE credentials SET sign_count = ?, backup_state = ?, last_used_at = ?, device = ?, country = ?
			 WHERE app_id = ? AND credential_id = ? AND sign_count = ?`,
		),
		aliasOwner: db.prepare("SELECT user_id FROM aliases WHERE app_id = ? AND hash = ?"),
		aliasesByUser: db.prepare(
			"SELECT hash, plaintext FROM aliases INDEXED BY aliases_by_user WHERE app_id = ? AND user_id = ? ORDER BY hash",
		),
		deleteAliasesOfUser: db.prepare("DELETE FROM aliases WHERE app_id = ? AND user_id = ?"),
		insertAlias: db.prepare("INSERT INTO aliases (app_id, hash, plaintext, user_id) VALUES (?, ?, ?, ?)"),
		putCeremony: db.prepare("INSERT INTO ceremonies (id, app_id, kind, state, expires_at) VALUES (?, ?, ?, ?, ?)"),
		takeCeremony: db.prepare("DELETE FROM ceremonies WHERE id = ? AND app_id = ? RETURNING *"),
		putToken: db.prepare("INSERT INTO tokens (id, app_id, kind, payload, expires_at) VALUES (?, ?, ?, ?, ?)"),
		findToken: db.prepare("SELECT * FROM tokens WHERE id = ? AND app_id = ?"),
		takeToken: db.prepare("DELETE FROM tokens WHERE id = ? AND app_id = ? RETURNING *"),
		purgeTokens: db.prepare("DELETE FROM tokens WHERE expires_at < ?"),
		purgeCeremonies: db.prepare("DELETE FROM ceremonies WHERE expires_at < ?"),
	};

	const toApp = (row: { id: string; settings: string; created_at: number }): App => ({
		id: row.id,
		settings: JSON.parse(row.settings) as App["settings"],
		createdAt: new Date(row.created_at),
	});
	const toToken = (row: StateRow): Token => ({
		id: row.id,
		appId: row.app_id,
		kind: row.kind as Token["kind"],
		payload: JSON.parse(row.payload ?? "{}") as Record<string, unknown>,
		expiresAt: new Date(row.expires_at),
	});
	const isUniqueViolation = (error: unknown): boolean =>
		typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY";

	const createApp = db.transaction((app: App, keys: ApiKeyRecord[]) => {
		q.insertApp.run(app.id, JSON.stringify(app.settings), app.createdAt.getTime());
		for (const k of keys) {
			q.insertKey.run(app.id, k.id, k.kind, JSON.stringify(k.scopes), k.salt, k.hash, k.locked ? 1 : 0, k.createdAt.getTime());
		}
	});
	const registerCredential = db.transaction((c: Credential, aliases: Alias[] | null) => {
		if (aliases !== null) {
			for (const a of aliases) {
				const owner = q.aliasOwner.get(c.appId, a.hash) as { user_id: string } | undefined;
				if (owner && owner.user_id !== c.userId) throw new PasskeyError("alias_conflict");
			}
			q.deleteAliasesOfUser.run(c.appId, c.userId);
			for (const a of aliases) q.insertAlias.run(c.appId, a.hash, a.plaintext, c.userId);
		}
		q.insertCredential.run(
			c.appId,
			c.credentialId,
			c.userId,
			c.userHandle,
			c.publicKey,
			c.signCount,
			JSON.stringify(c.transports),
			c.aaguid,
			c.attestationFmt,
			c.backupEligible ? 1 : 0,
			c.backupState ? 1 : 0,
			c.discoverable === null ? null : c.discoverable ? 1 : 0,
			c.rpId,
			c.origin,
			c.device,
			c.country,
			c.nickname,
			c.createdAt.getTime(),
			c.lastUsedAt.getTime(),
		);
	});

	return {
		apps: {
			async create(app, keys) {
				try {
					createApp(app, keys);
				} catch (error) {
					if (isUniqueViolation(error)) throw new PasskeyError("app_already_exists", { detail: `App '${app.id}' already exists.` });
					throw error;
				}
			},
			async findById(appId) {
				const row = q.findApp.get(appId) as { id: string; settings: string; created_at: number } | undefined;
				return row ? toApp(row) : null;
			},
			async list() {
				return (q.listApps.all() as { id: string; settings: string; created_at: number }[]).map(toApp);
			},
		},
		apiKeys: {
			async listByApp(appId, kind) {
				const rows = q.keysByApp.all(appId, kind) as {
					app_id: string;
					id: string;
					kind: ApiKeyRecord["kind"];
					scopes: string;
					salt: Uint8Array;
					hash: Uint8Array;
					locked: number;
					created_at: number;
				}[];
				return rows.map((r) => ({
					id: r.id,
					appId: r.app_id,
					kind: r.kind,
					scopes: JSON.parse(r.scopes) as ApiKeyRecord["scopes"],
					salt: new Uint8Array(r.salt),
					hash: new Uint8Array(r.hash),
					locked: r.locked === 1,
					createdAt: new Date(r.created_at),
				}));
			},
		},
		credentials: {
			async findById(appId, credentialId) {
				const row = q.findCredential.get(appId, credentialId) as CredentialRow | undefined;
				return row ? toCredential(row) : null;
			},
			async listByUser(appId, userId) {
				return (q.credentialsByUser.all(appId, userId) as CredentialRow[]).map(toCredential);
			},
			async register(credential, aliases) {
				try {
					registerCredential(credential, aliases);
				} catch (error) {
					if (isUniqueViolation(error)) throw new PasskeyError("credential_already_registered");
					throw error;
				}
			},
			async recordUse(use) {
				const result = q.recordUse.run(
					use.signCount,
					use.backupState ? 1 : 0,
					use.usedAt.getTime(),
					use.device,
					use.country,
					use.appId,
					use.credentialId,
					use.expectedSignCount,
				);
				return result.changes === 1;
			},
		},
		aliases: {
			async findUserId(appId, hash) {
				const row = q.aliasOwner.get(appId, hash) as { user_id: string } | undefined;
				return row?.user_id ?? null;
			},
			async findConflicts(appId, userId, hashes) {
				return hashes.filter((h) => {
					const row = q.aliasOwner.get(appId, h) as { user_id: string } | undefined;
					return row !== undefined && row.user_id !== userId;
				});
			},
			async listByUser(appId, userId) {
				return q.aliasesByUser.all(appId, userId) as Alias[];
			},
		},
		ceremonies: {
			async put(c: Ceremony) {
				q.putCeremony.run(c.id, c.appId, c.kind, JSON.stringify(c.state), c.expiresAt.getTime());
			},
			async take(appId, id) {
				const row = q.takeCeremony.get(id, appId) as StateRow | undefined;
				if (!row) return null;
				return {
					id: row.id,
					appId: row.app_id,
					kind: row.kind as Ceremony["kind"],
					state: JSON.parse(row.state ?? "{}") as Record<string, unknown>,
					expiresAt: new Date(row.expires_at),
				};
			},
		},
		tokens: {
			async put(t) {
				q.putToken.run(t.id, t.appId, t.kind, JSON.stringify(t.payload), t.expiresAt.getTime());
			},
			async find(appId, id) {
				const row = q.findToken.get(id, appId) as StateRow | undefined;
				return row ? toToken(row) : null;
			},
			async take(appId, id) {
				const row = q.takeToken.get(id, appId) as StateRow | undefined;
				return row ? toToken(row) : null;
			},
			async purgeExpired(now) {
				const cutoff = now.getTime();
				return q.purgeTokens.run(cutoff).changes + q.purgeCeremonies.run(cutoff).changes;
			},
		},
		async ping() {
			db.prepare("SELECT 1").get();
		},
		async close() {
			db.close();
		},
	};
}
