import { PasskeyError } from "@latchkey/protocol";
import type pg from "pg";
import type { ApiKeyStore, AppStore } from "../store.ts";
import { constraintOf, guarded } from "./postgres-helpers.ts";
import { inTransaction, query } from "./postgres-queries.ts";
import { type ApiKeyRow, type AppRow, toApiKey, toApp } from "./postgres-rows.ts";

/** The apps on PostgreSQL; an app and its keys are created in one transaction. */
export function createPostgresAppStore(pool: pg.Pool): AppStore {
	return guarded({
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
	});
}

/** The API keys on PostgreSQL. */
export function createPostgresApiKeyStore(pool: pg.Pool): ApiKeyStore {
	return guarded({
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
	});
}
