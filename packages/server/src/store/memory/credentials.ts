import type { CredentialUse, UserSummary } from "../model.ts";
import type { AliasStore, CredentialStore } from "../store.ts";
import { ck, copy, type MemoryContext } from "./memory-context.ts";

/** The credentials in memory. */
export function createMemoryCredentialStore(ctx: MemoryContext): CredentialStore {
	const { aliasesOf, register, recordUse } = ctx;
	const { credentials, aliases } = ctx.state;
	return {
		async findById(appId, credentialId) {
			const c = credentials.get(ck(appId, credentialId));
			return c ? copy(c) : null;
		},
		async listByUser(appId, userId) {
			return [...credentials.values()].filter((c) => c.appId === appId && c.userId === userId).map(copy);
		},
		async register(credential, newAliases) {
			register(credential, newAliases);
		},
		async recordUse(use: CredentialUse) {
			return recordUse(use);
		},
		async rename(appId, credentialId, nickname) {
			const c = credentials.get(ck(appId, credentialId));
			if (!c) return null;
			c.nickname = nickname;
			return copy(c);
		},
		async delete(appId, credentialId) {
			const c = credentials.get(ck(appId, credentialId));
			credentials.delete(ck(appId, credentialId));
			return c ? copy(c) : null;
		},
		async listUsers(appId, limit) {
			const byUser = new Map<string, UserSummary>();
			for (const c of credentials.values()) {
				if (c.appId !== appId) continue;
				const summary = byUser.get(c.userId) ?? { userId: c.userId, aliasCount: 0, aliases: [], credentialsCount: 0, lastUsedAt: null };
				summary.credentialsCount++;
				if (!summary.lastUsedAt || c.lastUsedAt > summary.lastUsedAt) summary.lastUsedAt = c.lastUsedAt;
				byUser.set(c.userId, summary);
			}
			const users = [...byUser.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1)).slice(0, limit);
			for (const u of users) {
				const own = aliasesOf(appId, u.userId).sort(([a], [b]) => (a < b ? -1 : 1));
				u.aliasCount = own.length;
				u.aliases = own.map(([, v]) => v.alias.plaintext);
			}
			return users;
		},
		async countUsers(appId) {
			return new Set([...credentials.values()].filter((c) => c.appId === appId).map((c) => c.userId)).size;
		},
		async deleteUser(appId, userId) {
			let removed = 0;
			for (const [k, c] of credentials) {
				if (c.appId === appId && c.userId === userId) {
					credentials.delete(k);
					removed++;
				}
			}
			const own = aliasesOf(appId, userId);
			for (const [k] of own) aliases.delete(k);
			return { credentials: removed, aliases: own.length };
		},
	};
}

/** The aliases in memory. */
export function createMemoryAliasStore(ctx: MemoryContext): AliasStore {
	const { aliasesOf, replaceAliases } = ctx;
	const { aliases } = ctx.state;
	return {
		async findUserId(appId, hash) {
			return aliases.get(ck(appId, hash))?.userId ?? null;
		},
		async findConflicts(appId, userId, hashes) {
			return hashes.filter((h) => {
				const owner = aliases.get(ck(appId, h));
				return owner !== undefined && owner.userId !== userId;
			});
		},
		async listByUser(appId, userId) {
			return aliasesOf(appId, userId)
				.map(([, v]) => copy(v.alias))
				.sort((a, b) => (a.hash < b.hash ? -1 : 1));
		},
		async replaceForUser(appId, userId, next) {
			replaceAliases(appId, userId, next);
		},
	};
}
