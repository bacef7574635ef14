import { PasskeyError } from "@latchkey/protocol";
import type { AuthConfigStore } from "../store.ts";
import type { SqliteContext } from "./sqlite-context.ts";
import { type AuthConfigRow, authConfigParams, toAuthConfig } from "./sqlite-rows.ts";

/** The authentication configurations on SQLite. */
export function createSqliteAuthConfigStore(ctx: SqliteContext): AuthConfigStore {
	const { q, writes } = ctx;
	return {
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
				if (writes.isUniqueViolation(error)) throw new PasskeyError("auth_config_already_exists");
				throw error;
			}
		},
		async save(config) {
			q.saveAuthConfig.run(...authConfigParams(config));
		},
		async delete(appId, purpose) {
			return q.deleteAuthConfig.run(appId, purpose).changes === 1;
		},
	};
}
