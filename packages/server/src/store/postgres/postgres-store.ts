import { PasskeyError } from "@latchkey/protocol";
import pg from "pg";
import type { Alias, Store, UserSummary } from "../store.ts";
import { connectionSettings, migratePostgresDatabase } from "./postgres-connection.ts";
import { inTransaction, PURGE_BATCH, query, type Statement } from "./postgres-queries.ts";
import {
	type ApiKeyRow,
	type AppRow,
	type AuthConfigRow,
	authConfigValues,
	type CeremonyRow,
	type CredentialRow,
	credentialValues,
	type EventRow,
	eventValues,
	type TokenRow,
	toApiKey,
	toApp,
	toAuthConfig,
	toCeremony,
	toCredential,
	toEvent,
	toToken,
} from "./postgres-rows.ts";
import { createPostgresTransfer } from "./postgres-transfer.ts";
import { toStoreError } from "./to-store-error.ts";

/** Options for {@link createPostgresStore}. */
export interface PostgresStoreOptions {
	/** Time the migrations are recorded at. */
	now: Date;
	/** Most connections this node holds. @default 10 */
	poolSize?: number;
	/** `statement_timeout` of every connection, milliseconds. @default 5000 */
	statementTimeoutMs?: number;
	/** Longest wait for a connection (a new one, or a free one from the pool), milliseconds. @default 3000 */
	connectTimeoutMs?: number;
	/** Called when an idle pooled connection breaks (PostgreSQL restarted, network lost); the pool drops it. */
	onIdleError?: (error: Error) => void;
}

/** Wraps every method of a store part so a pg failure becomes a catalog error (503 when the database is out of reach). */
function guarded<T extends object>(part: T): T {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(part)) {
		out[key] =
			typeof value === "function"
				? async (...args: unknown[]): Promise<unknown> => {
						try {
							return await value(...args);
						} catch (error) {
							throw toStoreError(error);
						}
					}
				: value;
	}
	return out as T;
}

const constraintOf = (error: unknown): string | undefined =>
	(error as { code?: string }).code === "23505" ? (error as { constraint?: string }).constraint : undefined;

/**
 * The shared store for many stateless nodes: PostgreSQL through a `pg` pool. Connects, migrates (under an advisory
 * lock, so nodes may start together), and bounds everything: pool size, statement timeout, connection timeout.
 * While PostgreSQL is unreachable every call rejects with `service_unavailable` (503) after at most the connect
 * timeout; once it is back the pool reconnects by itself.
 * @param url - `postgres://user:password@host:5432/database` (any libpq URL parameters pg understands)
 * @param options - see {@link PostgresStoreOptions}
 * @throws Error when the database cannot be reached or migrated at start
 * @example const store = await createPostgresStore("postgres://latchkey@db/latchkey", { now: new Date() });
 */
export async function createPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
	const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
	await migratePostgresDatabase(url, { now: options.now, connectTimeoutMs });
	const pool = new pg.Pool({
		...connectionSettings(url, { statementTimeoutMs: options.statementTimeoutMs ?? 5000, connectTimeoutMs }),
		max: options.poolSize ?? 10,
		idleTimeoutMillis: 30_000,
	});
	// An idle client whose connection breaks is emitted here; without a listener that would crash the process.
	pool.on("error", (error) => options.onIdleError?.(error));

	const replaceAliases = async (client: pg.PoolClient, appId: string, userId: string, aliases: Alias[]): Promise<void> => {
		const unique = [...new Map(aliases.map((a) => [a.hash, a])).values()];
		await query(client, "lockUserAliases", [appId, userId]);
		if (unique.length > 0) {
			const taken = await query(client, "aliasConflicts", [appId, unique.map((a) => a.hash), userId]);
			if (taken.rowCount) throw new PasskeyError("alias_conflict");
		}
		await query(client, "deleteAliasesOfUser", [appId, userId]);
		if (unique.length > 0) {
			await query(client, "insertAliases", [appId, unique.map((a) => a.hash), unique.map((a) => a.plaintext), userId]);
		}
	};
	const purge = async (name: Statement, values: unknown[]): Promise<number> => {
		let total = 0;
		for (;;) {
			const deleted = (await query(pool, name, values)).rowCount ?? 0;
			total += deleted;
			if (deleted < PURGE_BATCH) return total;
		}
	};

	return {
		apps: guarded({
			async create(app, keys) {
				try {
					await inTransaction(pool, async (client) => {
						await query(client, "insertApp", [app.id, JSON.stringify(app.settings), app.createdAt]);
						for (const k of keys) {
							await query(client, "insertKey", [app.id, k.id, k.kind, k.scopes, k.salt, k.hash, k.locked, k.createdAt]);
						}
					});
				} catch (error) {
					if (constraintOf(error) === "apps_pkey") {
						throw new PasskeyError("app_already_exists", { detail: `App '${app.id}' already exists.` });
					}
					throw error;
				}
			},
			async findById(appId) {
				const { rows } = await query<AppRow>(pool, "findApp", [appId]);
				return rows[0] ? toApp(rows[0]) : null;
			},
			async list() {
				return (await query<AppRow>(pool, "listApps", [])).rows.map(toApp);
			},
			async updateSettings(appId, settings) {
				await query(pool, "updateSettings", [appId, JSON.stringify(settings)]);
			},
		}),
		apiKeys: guarded({
			async listByApp(appId, kind) {
				return (await query<ApiKeyRow>(pool, "keysByApp", [appId, kind])).rows.map(toApiKey);
			},
			async listAll(appId) {
				return (await query<ApiKeyRow>(pool, "allKeys", [appId])).rows.map(toApiKey);
			},
			async add(k) {
				try {
					await query(pool, "insertKey", [k.appId, k.id, k.kind, k.scopes, k.salt, k.hash, k.locked, k.createdAt]);
				} catch (error) {
					if (constraintOf(error)) throw new PasskeyError("invalid_argument", { detail: "A key with this id exists." });
					if ((error as { code?: string }).code === "23503") throw new PasskeyError("app_not_found");
					throw error;
				}
			},
			async setLocked(appId, keyId, locked) {
				return ((await query(pool, "lockKey", [appId, keyId, locked])).rowCount ?? 0) === 1;
			},
			async delete(appId, keyId) {
				return ((await query(pool, "deleteKey", [appId, keyId])).rowCount ?? 0) === 1;
			},
		}),
		rateLimits: guarded({
			shared: true,
			async hit(key, windowMs, now) {
				const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
				const { rows } = await query<{ count: number }>(pool, "hitRateLimit", [key, start]);
				return { count: Number(rows[0]?.count ?? 1), resetAt: new Date(start.getTime() + windowMs) };
			},
		}),
		credentials: guarded({
			async findById(appId, credentialId) {
				const { rows } = await query<CredentialRow>(pool, "findCredential", [appId, credentialId]);
				return rows[0] ? toCredential(rows[0]) : null;
			},
			async listByUser(appId, userId) {
				return (await query<CredentialRow>(pool, "credentialsByUser", [appId, userId])).rows.map(toCredential);
			},
			async register(credential, aliases) {
				try {
					await inTransaction(pool, async (client) => {
						if (aliases !== null) await replaceAliases(client, credential.appId, credential.userId, aliases);
						await query(client, "insertCredential", credentialValues(credential));
					});
				} catch (error) {
					const constraint = constraintOf(error);
					if (constraint === "credentials_pkey") throw new PasskeyError("credential_already_registered");
					if (constraint === "aliases_pkey") throw new PasskeyError("alias_conflict");
					throw error;
				}
			},
			async recordUse(use) {
				const result = await query(pool, "recordUse", [
					use.signCount,
					use.backupState,
					use.usedAt,
					use.device,
					use.country,
					use.appId,
					use.credentialId,
					use.expectedSignCount,
				]);
				return result.rowCount === 1;
			},
			async delete(appId, credentialId) {
				const { rows } = await query<CredentialRow>(pool, "deleteCredential", [appId, credentialId]);
				return rows[0] ? toCredential(rows[0]) : null;
			},
			async listUsers(appId, limit) {
				const { rows } = await query<{
					user_id: string;
					credentials_count: string;
					last_used_at: Date | null;
					aliases: (string | null)[] | null;
				}>(pool, "listUsers", [appId, limit]);
				return rows.map(
					(row): UserSummary => ({
						userId: row.user_id,
						aliasCount: row.aliases?.length ?? 0,
						aliases: row.aliases ?? [],
						credentialsCount: Number(row.credentials_count),
						lastUsedAt: row.last_used_at,
					}),
				);
			},
			async countUsers(appId) {
				return Number((await query<{ count: string }>(pool, "countUsers", [appId])).rows[0]?.count ?? 0);
			},
			async deleteUser(appId, userId) {
				return inTransaction(pool, async (client) => ({
					credentials: (await query(client, "deleteCredentialsOfUser", [appId, userId])).rowCount ?? 0,
					aliases: (await query(client, "deleteAliasesOfUser", [appId, userId])).rowCount ?? 0,
				}));
			},
		}),
		aliases: guarded({
			async findUserId(appId, hash) {
				return (await query<{ user_id: string }>(pool, "aliasOwner", [appId, hash])).rows[0]?.user_id ?? null;
			},
			async findConflicts(appId, userId, hashes) {
				const { rows } = await query<{ hash: string }>(pool, "aliasConflicts", [appId, hashes, userId]);
				const taken = new Set(rows.map((r) => r.hash));
				return hashes.filter((h) => taken.has(h));
			},
			async listByUser(appId, userId) {
				return (await query<Alias>(pool, "aliasesByUser", [appId, userId])).rows.map((r) => ({ hash: r.hash, plaintext: r.plaintext }));
			},
			async replaceForUser(appId, userId, aliases) {
				try {
					await inTransaction(pool, (client) => replaceAliases(client, appId, userId, aliases));
				} catch (error) {
					if (constraintOf(error) === "aliases_pkey") throw new PasskeyError("alias_conflict");
					throw error;
				}
			},
		}),
		ceremonies: guarded({
			async put(c) {
				await query(pool, "putCeremony", [c.id, c.appId, c.kind, JSON.stringify(c.state), c.expiresAt]);
			},
			async take(appId, id) {
				const { rows } = await query<CeremonyRow>(pool, "takeCeremony", [id, appId]);
				return rows[0] ? toCeremony(rows[0]) : null;
			},
			async find(appId, id) {
				const { rows } = await query<CeremonyRow>(pool, "findCeremony", [id, appId]);
				return rows[0] ? toCeremony(rows[0]) : null;
			},
			async finishSignIn({ ceremony, use, counterMustMatch, token }) {
				const { rows } = await query<{ taken: boolean; used: boolean }>(pool, "finishSignIn", [
					ceremony.id,
					ceremony.appId,
					use.signCount,
					use.backupState,
					use.usedAt,
					use.device,
					use.country,
					use.credentialId,
					use.expectedSignCount,
					token.id,
					token.kind,
					JSON.stringify(token.payload),
					token.expiresAt,
					counterMustMatch,
				]);
				if (!rows[0]?.taken) return "ceremony_gone";
				return rows[0].used || !counterMustMatch ? "done" : "counter_conflict";
			},
			async finishRegistration({ ceremony, credential, aliases, token }) {
				try {
					return await inTransaction(pool, async (client) => {
						if ((await query(client, "takeCeremony", [ceremony.id, ceremony.appId])).rowCount !== 1) return "ceremony_gone" as const;
						if (aliases !== null) await replaceAliases(client, credential.appId, credential.userId, aliases);
						await query(client, "insertCredential", credentialValues(credential));
						await query(client, "putToken", [token.id, token.appId, token.kind, JSON.stringify(token.payload), token.expiresAt]);
						return "done" as const;
					});
				} catch (error) {
					const constraint = constraintOf(error);
					if (constraint === "credentials_pkey") throw new PasskeyError("credential_already_registered");
					if (constraint === "aliases_pkey") throw new PasskeyError("alias_conflict");
					throw error;
				}
			},
		}),
		tokens: guarded({
			async put(t) {
				await query(pool, "putToken", [t.id, t.appId, t.kind, JSON.stringify(t.payload), t.expiresAt]);
			},
			async find(appId, id) {
				const { rows } = await query<TokenRow>(pool, "findToken", [id, appId]);
				return rows[0] ? toToken(rows[0]) : null;
			},
			async take(appId, id) {
				const { rows } = await query<TokenRow>(pool, "takeToken", [id, appId]);
				return rows[0] ? toToken(rows[0]) : null;
			},
			async purgeExpired(now) {
				const windowsBefore = new Date(now.getTime() - 3_600_000);
				return (
					(await purge("purgeTokens", [now])) + (await purge("purgeCeremonies", [now])) + (await purge("purgeRateLimits", [windowsBefore]))
				);
			},
		}),
		authConfigs: guarded({
			async list(appId) {
				return (await query<AuthConfigRow>(pool, "listAuthConfigs", [appId])).rows.map(toAuthConfig);
			},
			async find(appId, purpose) {
				const { rows } = await query<AuthConfigRow>(pool, "findAuthConfig", [appId, purpose]);
				return rows[0] ? toAuthConfig(rows[0]) : null;
			},
			async create(config) {
				try {
					await query(pool, "insertAuthConfig", authConfigValues(config));
				} catch (error) {
					if (constraintOf(error) === "auth_configs_pkey") throw new PasskeyError("auth_config_already_exists");
					throw error;
				}
			},
			async save(config) {
				await query(pool, "saveAuthConfig", authConfigValues(config));
			},
			async delete(appId, purpose) {
				return (await query(pool, "deleteAuthConfig", [appId, purpose])).rowCount === 1;
			},
		}),
		events: guarded({
			async append(e) {
				await query(pool, "appendEvent", eventValues(e));
			},
			async appendMany(list) {
				if (list.length === 0) return;
				const columns: unknown[][] = [[], [], [], [], [], [], [], []];
				for (const e of list) {
					eventValues(e).forEach((value, i) => {
						columns[i]?.push(value);
					});
				}
				await query(pool, "appendEvents", columns);
			},
			async list(appId, page) {
				const [list, count] = await Promise.all([
					query<EventRow>(pool, "listEvents", [appId, page.limit, page.offset]),
					query<{ count: string }>(pool, "countEvents", [appId]),
				]);
				return { events: list.rows.map(toEvent), total: Number(count.rows[0]?.count ?? 0) };
			},
			async purge(appId, before) {
				return purge("purgeEvents", [appId, before]);
			},
		}),
		transfer: createPostgresTransfer(pool),
		ping: guarded({
			async ping() {
				await pool.query("SELECT 1");
			},
		}).ping,
		async close() {
			await pool.end();
		},
	};
}
