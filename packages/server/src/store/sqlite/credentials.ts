import { PasskeyError } from "@latchkey/protocol";
import type { Alias, UserSummary } from "../model.ts";
import type { AliasStore, CredentialStore } from "../store.ts";
import type { SqliteContext } from "./sqlite-context.ts";
import { type CredentialRow, maybeDate, toCredential } from "./sqlite-rows.ts";

/** The credentials on SQLite; new credentials and counters go through the group commit. */
export function createSqliteCredentialStore(ctx: SqliteContext): CredentialStore {
	const { q, group, writes } = ctx;
	return {
		async findById(appId, credentialId) {
			const row = q.findCredential.get(appId, credentialId) as CredentialRow | undefined;
			return row ? toCredential(row) : null;
		},
		async listByUser(appId, userId) {
			return (q.credentialsByUser.all(appId, userId) as CredentialRow[]).map(toCredential);
		},
		async register(credential, aliases) {
			try {
				await group.write(() => writes.registerCredential(credential, aliases));
			} catch (error) {
				if (writes.isUniqueViolation(error)) throw new PasskeyError("credential_already_registered");
				throw error;
			}
		},
		async recordUse(use) {
			return group.write(() => writes.recordUse(use));
		},
		async rename(appId, credentialId, nickname) {
			const row = q.renameCredential.get(nickname, appId, credentialId) as CredentialRow | undefined;
			return row ? toCredential(row) : null;
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
			return writes.deleteUserTx(appId, userId);
		},
	};
}

/** The aliases on SQLite. */
export function createSqliteAliasStore(ctx: SqliteContext): AliasStore {
	const { q, writes } = ctx;
	return {
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
			writes.replaceAliasesTx(appId, userId, aliases);
		},
	};
}
