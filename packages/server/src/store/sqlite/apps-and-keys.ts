import { PasskeyError } from "@latchkey/protocol";
import type { ApiKeyStore, AppStore } from "../store.ts";
import type { SqliteContext } from "./sqlite-context.ts";
import { insertKey } from "./sqlite-queries.ts";
import { type ApiKeyRow, type AppRow, toApiKey, toApp } from "./sqlite-rows.ts";

/** The apps on SQLite; an app and its keys are created in one transaction. */
export function createSqliteAppStore(ctx: SqliteContext): AppStore {
	const { q, writes } = ctx;
	return {
		async create(app, keys) {
			try {
				writes.createApp(app, keys);
			} catch (error) {
				if (writes.isUniqueViolation(error)) throw new PasskeyError("app_already_exists", { detail: `App '${app.id}' already exists.` });
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
	};
}

/** The API keys on SQLite. */
export function createSqliteApiKeyStore(ctx: SqliteContext): ApiKeyStore {
	const { q, writes } = ctx;
	return {
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
				if (writes.isUniqueViolation(error)) throw new PasskeyError("invalid_argument", { detail: "A key with this id exists." });
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
	};
}
