import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PasskeyError } from "@latchkey/protocol";
import BetterSqlite3 from "better-sqlite3";
import { createLocalRateLimits } from "../local-rate-limits.ts";
import {
	type Alias,
	type ApiKeyRecord,
	type App,
	type AuditEvent,
	type AuthConfig,
	type Ceremony,
	type Credential,
	type CredentialUse,
	DEFAULT_APP_SETTINGS,
	emptyTransferCounts,
	type Store,
	type Token,
	type TransferRecord,
	type UserSummary,
} from "../store.ts";
import { createAdaptiveCheckpoints } from "./checkpointer.ts";
import { createGroupCommit } from "./group-commit.ts";
import { migrateSqlite } from "./migrate-sqlite.ts";

/**
 * Rows one purge statement deletes, and the pause between two: a batch of expired tokens is ~32 random pages to
 * rewrite (~1 ms of the main thread with its commit), and the pause lets requests run in between, so a backlog of
 * 100,000 expired rows drains in ~15 s of small stalls instead of holding the server for long ones.
 */
const PURGE_BATCH = 32;
const PURGE_PAUSE_MS = 2;

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions {
	/** Time the migrations are recorded at. */
	now: Date;
	/** SQLite `synchronous` pragma: NORMAL survives a process crash in WAL mode; FULL also survives power loss. */
	synchronous?: "NORMAL" | "FULL";
	/**
	 * Checkpoint the WAL on a background thread while writes come in, instead of in the commit that crosses 1,000
	 * pages (the server does; short-lived CLI commands do not). See createAdaptiveCheckpoints.
	 * @default false
	 */
	backgroundCheckpoints?: boolean;
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

interface ApiKeyRow {
	app_id: string;
	id: string;
	kind: ApiKeyRecord["kind"];
	scopes: string;
	salt: Uint8Array;
	hash: Uint8Array;
	locked: number;
	created_at: number;
}

function toApiKey(r: ApiKeyRow): ApiKeyRecord {
	return {
		id: r.id,
		appId: r.app_id,
		kind: r.kind,
		scopes: JSON.parse(r.scopes) as ApiKeyRecord["scopes"],
		salt: new Uint8Array(r.salt),
		hash: new Uint8Array(r.hash),
		locked: r.locked === 1,
		createdAt: new Date(r.created_at),
	};
}

function credentialParams(c: Credential): unknown[] {
	return [
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
	];
}

interface AuthConfigRow {
	app_id: string;
	purpose: string;
	user_verification: AuthConfig["userVerification"];
	time_to_live: number;
	hints: string;
	created_by: string;
	created_on: number | null;
	edited_by: string | null;
	edited_on: number | null;
	last_used_on: number | null;
}

const maybeDate = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function toAuthConfig(row: AuthConfigRow): AuthConfig {
	return {
		appId: row.app_id,
		purpose: row.purpose,
		userVerification: row.user_verification,
		timeToLiveSeconds: row.time_to_live,
		hints: JSON.parse(row.hints) as AuthConfig["hints"],
		createdBy: row.created_by,
		createdOn: maybeDate(row.created_on),
		editedBy: row.edited_by,
		editedOn: maybeDate(row.edited_on),
		lastUsedOn: maybeDate(row.last_used_on),
	};
}

interface EventRow {
	app_id: string;
	performed_at: number;
	event_type: string;
	severity: AuditEvent["severity"];
	message: string;
	performed_by: string;
	subject: string;
	api_key_id: string;
}

function toEvent(r: EventRow): AuditEvent {
	return {
		appId: r.app_id,
		performedAt: new Date(r.performed_at),
		eventType: r.event_type,
		severity: r.severity,
		message: r.message,
		performedBy: r.performed_by,
		subject: r.subject,
		apiKeyId: r.api_key_id,
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
 * Migrates a SQLite file without keeping it open (`latchkey migrate`).
 * @param path - the database file (its folder is created)
 * @param now - recorded as the time each migration was applied
 * @returns the names of the migrations applied now
 */
export function migrateSqliteFile(path: string, now: Date): string[] {
	if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
	const db = new BetterSqlite3(path);
	try {
		db.pragma("journal_mode = WAL");
		db.pragma("busy_timeout = 5000");
		return migrateSqlite(db, now);
	} finally {
		db.close();
	}
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
	const checkpoints =
		options.backgroundCheckpoints && path !== ":memory:"
			? createAdaptiveCheckpoints(db, path, { synchronous: options.synchronous ?? "NORMAL" })
			: null;
	// The hot-path writes (ceremonies, tokens, counters, new credentials, events) share one commit per event-loop turn.
	const group = createGroupCommit(db, checkpoints ? { onCommit: (writes) => checkpoints.noteWrites(writes) } : {});

	const q = {
		insertApp: db.prepare("INSERT INTO apps (id, settings, created_at) VALUES (?, ?, ?)"),
		findApp: db.prepare("SELECT id, settings, created_at FROM apps WHERE id = ?"),
		listApps: db.prepare("SELECT id, settings, created_at FROM apps ORDER BY id"),
		insertKey: db.prepare(
			"INSERT INTO api_keys (app_id, id, kind, scopes, salt, hash, locked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		),
		keysByApp: db.prepare("SELECT * FROM api_keys WHERE app_id = ? AND kind = ?"),
		allKeys: db.prepare("SELECT * FROM api_keys WHERE app_id = ? ORDER BY created_at, id"),
		lockKey: db.prepare("UPDATE api_keys SET locked = ? WHERE app_id = ? AND id = ?"),
		deleteKey: db.prepare("DELETE FROM api_keys WHERE app_id = ? AND id = ?"),
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
		findCeremony: db.prepare("SELECT * FROM ceremonies WHERE id = ? AND app_id = ?"),
		takeCeremony: db.prepare("DELETE FROM ceremonies WHERE id = ? AND app_id = ? RETURNING *"),
		dropCeremony: db.prepare("DELETE FROM ceremonies WHERE id = ? AND app_id = ?"),
		putToken: db.prepare("INSERT INTO tokens (id, app_id, kind, payload, expires_at) VALUES (?, ?, ?, ?, ?)"),
		findToken: db.prepare("SELECT * FROM tokens WHERE id = ? AND app_id = ?"),
		takeToken: db.prepare("DELETE FROM tokens WHERE id = ? AND app_id = ? RETURNING *"),
		// Purges go in batches of PURGE_BATCH rows, one queued write each, PURGE_PAUSE_MS apart (see inBatches).
		purgeTokens: db.prepare(`DELETE FROM tokens WHERE id IN (SELECT id FROM tokens WHERE expires_at < ? LIMIT ${PURGE_BATCH})`),
		purgeCeremonies: db.prepare(`DELETE FROM ceremonies WHERE id IN (SELECT id FROM ceremonies WHERE expires_at < ? LIMIT ${PURGE_BATCH})`),
		updateSettings: db.prepare("UPDATE apps SET settings = ? WHERE id = ?"),
		deleteCredential: db.prepare("DELETE FROM credentials WHERE app_id = ? AND credential_id = ? RETURNING *"),
		listUsers: db.prepare(
			`SELECT user_id, COUNT(*) AS credentials_count, MAX(last_used_at) AS last_used_at FROM credentials
			 WHERE app_id = ? GROUP BY user_id ORDER BY user_id LIMIT ?`,
		),
		countUsers: db.prepare("SELECT COUNT(DISTINCT user_id) AS count FROM credentials WHERE app_id = ?"),
		deleteCredentialsOfUser: db.prepare("DELETE FROM credentials WHERE app_id = ? AND user_id = ?"),
		listAuthConfigs: db.prepare("SELECT * FROM auth_configs WHERE app_id = ? ORDER BY purpose"),
		findAuthConfig: db.prepare("SELECT * FROM auth_configs WHERE app_id = ? AND purpose = ?"),
		insertAuthConfig: db.prepare(
			`INSERT INTO auth_configs (app_id, purpose, user_verification, time_to_live, hints, created_by, created_on, edited_by,
			 edited_on, last_used_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		),
		saveAuthConfig: db.prepare(
			`INSERT OR REPLACE INTO auth_configs (app_id, purpose, user_verification, time_to_live, hints, created_by, created_on,
			 edited_by, edited_on, last_used_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		),
		deleteAuthConfig: db.prepare("DELETE FROM auth_configs WHERE app_id = ? AND purpose = ?"),
		appendEvent: db.prepare(
			`INSERT INTO events (app_id, performed_at, event_type, severity, message, performed_by, subject, api_key_id)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		),
		listEvents: db.prepare("SELECT * FROM events WHERE app_id = ? ORDER BY performed_at DESC, id DESC LIMIT ? OFFSET ?"),
		countEvents: db.prepare("SELECT COUNT(*) AS count FROM events WHERE app_id = ?"),
		purgeEvents: db.prepare(
			`DELETE FROM events WHERE id IN (SELECT id FROM events WHERE app_id = ? AND performed_at < ? LIMIT ${PURGE_BATCH})`,
		),
	};
	const authConfigParams = (c: AuthConfig): unknown[] => [
		c.appId,
		c.purpose,
		c.userVerification,
		c.timeToLiveSeconds,
		JSON.stringify(c.hints),
		c.createdBy,
		c.createdOn?.getTime() ?? null,
		c.editedBy,
		c.editedOn?.getTime() ?? null,
		c.lastUsedOn?.getTime() ?? null,
	];

	const toApp = (row: { id: string; settings: string; created_at: number }): App => ({
		id: row.id,
		settings: { ...DEFAULT_APP_SETTINGS, ...(JSON.parse(row.settings) as Partial<App["settings"]>) } as App["settings"],
		createdAt: new Date(row.created_at),
	});
	const toCeremony = (row: StateRow): Ceremony => ({
		id: row.id,
		appId: row.app_id,
		kind: row.kind as Ceremony["kind"],
		state: JSON.parse(row.state ?? "{}") as Record<string, unknown>,
		expiresAt: new Date(row.expires_at),
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
		for (const k of keys) insertKey({ ...k, appId: app.id });
	});
	const replaceAliases = (appId: string, userId: string, aliases: Alias[]): void => {
		for (const a of aliases) {
			const owner = q.aliasOwner.get(appId, a.hash) as { user_id: string } | undefined;
			if (owner && owner.user_id !== userId) throw new PasskeyError("alias_conflict");
		}
		q.deleteAliasesOfUser.run(appId, userId);
		for (const a of aliases) q.insertAlias.run(appId, a.hash, a.plaintext, userId);
	};
	const replaceAliasesTx = db.transaction(replaceAliases);
	const deleteUserTx = db.transaction((appId: string, userId: string) => ({
		credentials: q.deleteCredentialsOfUser.run(appId, userId).changes,
		aliases: q.deleteAliasesOfUser.run(appId, userId).changes,
	}));
	const registerCredential = db.transaction((c: Credential, aliases: Alias[] | null) => {
		if (aliases !== null) replaceAliases(c.appId, c.userId, aliases);
		q.insertCredential.run(...credentialParams(c));
	});
	/** Runs a batched delete (at most PURGE_BATCH rows, returning how many went) until it deletes fewer; the total. */
	const inBatches = async (batch: () => number): Promise<number> => {
		let total = 0;
		for (let deleted = await group.write(batch); ; deleted = await group.write(batch)) {
			total += deleted;
			if (deleted < PURGE_BATCH) return total;
			await sleep(PURGE_PAUSE_MS);
		}
	};
	/** The counter's compare-and-swap: false when the stored counter is no longer the expected one. */
	const recordUse = (use: CredentialUse): boolean =>
		q.recordUse.run(
			use.signCount,
			use.backupState ? 1 : 0,
			use.usedAt.getTime(),
			use.device,
			use.country,
			use.appId,
			use.credentialId,
			use.expectedSignCount,
		).changes === 1;
	const insertKey = (k: ApiKeyRecord): void => {
		q.insertKey.run(k.appId, k.id, k.kind, JSON.stringify(k.scopes), k.salt, k.hash, k.locked ? 1 : 0, k.createdAt.getTime());
	};
	const appendEvent = (e: AuditEvent): void => {
		q.appendEvent.run(e.appId, e.performedAt.getTime(), e.eventType, e.severity, e.message, e.performedBy, e.subject, e.apiKeyId);
	};
	function* exportRecords(withEvents: boolean): Generator<TransferRecord> {
		const all = (sql: string): IterableIterator<unknown> => db.prepare(sql).iterate();
		for (const row of all("SELECT id, settings, created_at FROM apps ORDER BY id")) {
			yield { type: "app", app: toApp(row as { id: string; settings: string; created_at: number }) };
		}
		for (const row of all("SELECT * FROM api_keys ORDER BY app_id, id")) yield { type: "apiKey", apiKey: toApiKey(row as ApiKeyRow) };
		for (const row of all("SELECT * FROM auth_configs ORDER BY app_id, purpose")) {
			yield { type: "authConfig", authConfig: toAuthConfig(row as AuthConfigRow) };
		}
		for (const row of all("SELECT * FROM credentials ORDER BY app_id, credential_id")) {
			yield { type: "credential", credential: toCredential(row as CredentialRow) };
		}
		for (const row of all("SELECT app_id, hash, plaintext, user_id FROM aliases ORDER BY app_id, hash")) {
			const r = row as { app_id: string; hash: string; plaintext: string | null; user_id: string };
			yield { type: "alias", appId: r.app_id, userId: r.user_id, alias: { hash: r.hash, plaintext: r.plaintext } };
		}
		if (!withEvents) return;
		for (const row of all("SELECT * FROM events ORDER BY app_id, id")) yield { type: "event", event: toEvent(row as EventRow) };
	}

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
			async updateSettings(appId, settings) {
				q.updateSettings.run(JSON.stringify(settings), appId);
			},
		},
		apiKeys: {
			async listByApp(appId, kind) {
				return (q.keysByApp.all(appId, kind) as ApiKeyRow[]).map(toApiKey);
			},
			async listAll(appId) {
				return (q.allKeys.all(appId) as ApiKeyRow[]).map(toApiKey);
			},
			async add(k) {
				try {
					q.insertKey.run(k.appId, k.id, k.kind, JSON.stringify(k.scopes), k.salt, k.hash, k.locked ? 1 : 0, k.createdAt.getTime());
				} catch (error) {
					if (isUniqueViolation(error)) throw new PasskeyError("invalid_argument", { detail: "A key with this id exists." });
					if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_FOREIGNKEY") throw new PasskeyError("app_not_found");
					throw error;
				}
			},
			async setLocked(appId, keyId, locked) {
				return q.lockKey.run(locked ? 1 : 0, appId, keyId).changes === 1;
			},
			async delete(appId, keyId) {
				return q.deleteKey.run(appId, keyId).changes === 1;
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
					await group.write(() => registerCredential(credential, aliases));
				} catch (error) {
					if (isUniqueViolation(error)) throw new PasskeyError("credential_already_registered");
					throw error;
				}
			},
			async recordUse(use) {
				return group.write(() => recordUse(use));
			},
			async delete(appId, credentialId) {
				const row = q.deleteCredential.get(appId, credentialId) as CredentialRow | undefined;
				return row ? toCredential(row) : null;
			},
			async listUsers(appId, limit) {
				const rows = q.listUsers.all(appId, limit) as { user_id: string; credentials_count: number; last_used_at: number | null }[];
				return rows.map((row): UserSummary => {
					const aliases = q.aliasesByUser.all(appId, row.user_id) as Alias[];
					return {
						userId: row.user_id,
						aliasCount: aliases.length,
						aliases: aliases.map((a) => a.plaintext),
						credentialsCount: row.credentials_count,
						lastUsedAt: maybeDate(row.last_used_at),
					};
				});
			},
			async countUsers(appId) {
				return (q.countUsers.get(appId) as { count: number }).count;
			},
			async deleteUser(appId, userId) {
				return deleteUserTx(appId, userId);
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
			async replaceForUser(appId, userId, aliases) {
				replaceAliasesTx(appId, userId, aliases);
			},
		},
		ceremonies: {
			async put(c: Ceremony) {
				const state = JSON.stringify(c.state);
				await group.write(() => q.putCeremony.run(c.id, c.appId, c.kind, state, c.expiresAt.getTime()));
			},
			async find(appId, id) {
				const row = q.findCeremony.get(id, appId) as StateRow | undefined;
				return row ? toCeremony(row) : null;
			},
			async take(appId, id) {
				const row = await group.write(() => q.takeCeremony.get(id, appId) as StateRow | undefined);
				return row ? toCeremony(row) : null;
			},
			// One queued write each: the take, the counter or credential and the token commit together (one WAL commit
			// per ceremony step instead of three).
			async finishSignIn(f) {
				const payload = JSON.stringify(f.token.payload);
				return group.write(() => {
					if (q.dropCeremony.run(f.ceremony.id, f.ceremony.appId).changes !== 1) return "ceremony_gone";
					if (!recordUse(f.use) && f.counterMustMatch) return "counter_conflict";
					q.putToken.run(f.token.id, f.token.appId, f.token.kind, payload, f.token.expiresAt.getTime());
					return "done";
				});
			},
			async finishRegistration(f) {
				const payload = JSON.stringify(f.token.payload);
				try {
					// A throw inside the write rolls back its savepoint: the ceremony is then not taken either.
					return await group.write(() => {
						if (q.dropCeremony.run(f.ceremony.id, f.ceremony.appId).changes !== 1) return "ceremony_gone";
						registerCredential(f.credential, f.aliases);
						q.putToken.run(f.token.id, f.token.appId, f.token.kind, payload, f.token.expiresAt.getTime());
						return "done";
					});
				} catch (error) {
					if (isUniqueViolation(error)) throw new PasskeyError("credential_already_registered");
					throw error;
				}
			},
		},
		tokens: {
			async put(t) {
				const payload = JSON.stringify(t.payload);
				await group.write(() => q.putToken.run(t.id, t.appId, t.kind, payload, t.expiresAt.getTime()));
			},
			async find(appId, id) {
				const row = q.findToken.get(id, appId) as StateRow | undefined;
				return row ? toToken(row) : null;
			},
			async take(appId, id) {
				const row = await group.write(() => q.takeToken.get(id, appId) as StateRow | undefined);
				return row ? toToken(row) : null;
			},
			async purgeExpired(now) {
				const cutoff = now.getTime();
				return (await inBatches(() => q.purgeTokens.run(cutoff).changes)) + (await inBatches(() => q.purgeCeremonies.run(cutoff).changes));
			},
		},
		authConfigs: {
			async list(appId) {
				return (q.listAuthConfigs.all(appId) as AuthConfigRow[]).map(toAuthConfig);
			},
			async find(appId, purpose) {
				const row = q.findAuthConfig.get(appId, purpose) as AuthConfigRow | undefined;
				return row ? toAuthConfig(row) : null;
			},
			async create(config) {
				try {
					q.insertAuthConfig.run(...authConfigParams(config));
				} catch (error) {
					if (isUniqueViolation(error)) throw new PasskeyError("auth_config_already_exists");
					throw error;
				}
			},
			async save(config) {
				q.saveAuthConfig.run(...authConfigParams(config));
			},
			async delete(appId, purpose) {
				return q.deleteAuthConfig.run(appId, purpose).changes === 1;
			},
		},
		events: {
			async append(e) {
				await group.write(() => appendEvent(e));
			},
			async appendMany(list) {
				await group.write(() => {
					for (const e of list) appendEvent(e);
				});
			},
			async list(appId, page) {
				group.flush(); // events written a moment ago are listed too
				const rows = q.listEvents.all(appId, page.limit, page.offset) as EventRow[];
				return {
					events: rows.map(toEvent),
					total: (q.countEvents.get(appId) as { count: number }).count,
				};
			},
			async purge(appId, before) {
				return inBatches(() => q.purgeEvents.run(appId, before.getTime()).changes);
			},
		},
		rateLimits: createLocalRateLimits(),
		transfer: {
			async *exportAll(options) {
				// One read transaction: in WAL mode every SELECT below sees the same snapshot, while writers go on.
				db.exec("BEGIN");
				try {
					yield* exportRecords(options.events);
				} finally {
					db.exec("COMMIT");
				}
			},
			async importAll(records) {
				db.exec("BEGIN IMMEDIATE");
				try {
					if (q.listApps.get() !== undefined) throw new Error("the database already holds apps; import needs an empty database");
					const counts = emptyTransferCounts();
					for await (const r of records) {
						if (r.type === "app") q.insertApp.run(r.app.id, JSON.stringify(r.app.settings), r.app.createdAt.getTime());
						else if (r.type === "apiKey") insertKey(r.apiKey);
						else if (r.type === "authConfig") q.insertAuthConfig.run(...authConfigParams(r.authConfig));
						else if (r.type === "credential") q.insertCredential.run(...credentialParams(r.credential));
						else if (r.type === "alias") q.insertAlias.run(r.appId, r.alias.hash, r.alias.plaintext, r.userId);
						else appendEvent(r.event);
						counts[r.type]++;
					}
					db.exec("COMMIT");
					return counts;
				} catch (error) {
					db.exec("ROLLBACK");
					throw error;
				}
			},
		},
		async ping() {
			db.prepare("SELECT 1").get();
		},
		async close() {
			group.flush();
			await checkpoints?.stop();
			db.close();
		},
	};
}
