import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PasskeyError } from "@latchkey/protocol";
import BetterSqlite3 from "better-sqlite3";
import { createLocalRateLimits } from "../local-rate-limits.ts";
import type { Alias, ApiKeyRecord, App, Ceremony, Credential, CredentialUse, Store, UserSummary } from "../store.ts";
import { createAdaptiveCheckpoints } from "./checkpointer.ts";
import { createGroupCommit } from "./group-commit.ts";
import { migrateSqlite } from "./migrate-sqlite.ts";
import { appendEvent, insertKey, PURGE_BATCH, PURGE_PAUSE_MS, prepareSqliteQueries } from "./sqlite-queries.ts";
import {
	type ApiKeyRow,
	type AppRow,
	type AuthConfigRow,
	authConfigParams,
	type CredentialRow,
	credentialParams,
	type EventRow,
	maybeDate,
	type StateRow,
	toApiKey,
	toApp,
	toAuthConfig,
	toCeremony,
	toCredential,
	toEvent,
	toToken,
} from "./sqlite-rows.ts";
import { createSqliteTransfer } from "./sqlite-transfer.ts";

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

	const q = prepareSqliteQueries(db);
	const isUniqueViolation = (error: unknown): boolean =>
		typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY";

	const createApp = db.transaction((app: App, keys: ApiKeyRecord[]) => {
		q.insertApp.run(app.id, JSON.stringify(app.settings), app.createdAt.getTime());
		for (const k of keys) insertKey(q, { ...k, appId: app.id });
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
				const row = q.findApp.get(appId) as AppRow | undefined;
				return row ? toApp(row) : null;
			},
			async list() {
				return (q.listApps.all() as AppRow[]).map(toApp);
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
					insertKey(q, k);
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
				await group.write(() => appendEvent(q, e));
			},
			async appendMany(list) {
				await group.write(() => {
					for (const e of list) appendEvent(q, e);
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
		transfer: createSqliteTransfer(db, q),
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
