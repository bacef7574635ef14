import { PasskeyError } from "@latchkey/protocol";
import type pg from "pg";
import type { AuthConfigStore } from "../store.ts";
import { constraintOf, guarded } from "./postgres-helpers.ts";
import { query } from "./postgres-queries.ts";
import { type AuthConfigRow, authConfigValues, toAuthConfig } from "./postgres-rows.ts";

/** The authentication configurations on PostgreSQL. */
export function createPostgresAuthConfigStore(pool: pg.Pool): AuthConfigStore {
	return guarded({
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
	});
}
