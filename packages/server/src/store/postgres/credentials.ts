import { PasskeyError } from "@latchkey/protocol";
import type pg from "pg";
import type { Alias, UserSummary } from "../model.ts";
import type { AliasStore, CredentialStore } from "../store.ts";
import { constraintOf, guarded, replaceAliases } from "./postgres-helpers.ts";
import { inTransaction, query } from "./postgres-queries.ts";
import { type CredentialRow, credentialValues, toCredential } from "./postgres-rows.ts";

/** The credentials on PostgreSQL. */
export function createPostgresCredentialStore(pool: pg.Pool): CredentialStore {
	return guarded({
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
				use.prfSupported === true,
			]);
			return result.rowCount === 1;
		},
		async rename(appId, credentialId, nickname) {
			const { rows } = await query<CredentialRow>(pool, "renameCredential", [appId, credentialId, nickname]);
			return rows[0] ? toCredential(rows[0]) : null;
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
	});
}

/** The aliases on PostgreSQL. */
export function createPostgresAliasStore(pool: pg.Pool): AliasStore {
	return guarded({
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
	});
}
