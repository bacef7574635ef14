import { PasskeyError } from "@latchkey/protocol";
import type { Alias, ApiKeyRecord, App, Ceremony, Credential, CredentialUse, Store, Token } from "../store.ts";

/**
 * An in-memory store, for unit tests only (it passes the same conformance suite as the real stores).
 * @example const store = createMemoryStore();
 */
export function createMemoryStore(): Store {
	const apps = new Map<string, App>();
	const keys = new Map<string, ApiKeyRecord[]>();
	const credentials = new Map<string, Credential>();
	const aliases = new Map<string, { alias: Alias; userId: string }>();
	const ceremonies = new Map<string, Ceremony>();
	const tokens = new Map<string, Token>();
	const ck = (appId: string, id: string): string => `${appId}\u0000${id}`;
	const copy = <T>(value: T): T => structuredClone(value);

	return {
		apps: {
			async create(app, appKeys) {
				if (apps.has(app.id)) throw new PasskeyError("app_already_exists", { detail: `App '${app.id}' already exists.` });
				apps.set(app.id, copy(app));
				keys.set(app.id, copy(appKeys));
			},
			async findById(appId) {
				const app = apps.get(appId);
				return app ? copy(app) : null;
			},
			async list() {
				return [...apps.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy);
			},
		},
		apiKeys: {
			async listByApp(appId, kind) {
				return (keys.get(appId) ?? []).filter((k) => k.kind === kind).map(copy);
			},
		},
		credentials: {
			async findById(appId, credentialId) {
				const c = credentials.get(ck(appId, credentialId));
				return c ? copy(c) : null;
			},
			async listByUser(appId, userId) {
				return [...credentials.values()].filter((c) => c.appId === appId && c.userId === userId).map(copy);
			},
			async register(credential, newAliases) {
				const key = ck(credential.appId, credential.credentialId);
				if (credentials.has(key)) throw new PasskeyError("credential_already_registered");
				if (newAliases !== null) {
					for (const a of newAliases) {
						const owner = aliases.get(ck(credential.appId, a.hash));
						if (owner && owner.userId !== credential.userId) throw new PasskeyError("alias_conflict");
					}
					for (const [k, v] of aliases) {
						if (k.startsWith(`${credential.appId}\u0000`) && v.userId === credential.userId) aliases.delete(k);
					}
					for (const a of newAliases) aliases.set(ck(credential.appId, a.hash), { alias: copy(a), userId: credential.userId });
				}
				credentials.set(key, copy(credential));
			},
			async recordUse(use: CredentialUse) {
				const c = credentials.get(ck(use.appId, use.credentialId));
				if (!c || c.signCount !== use.expectedSignCount) return false;
				Object.assign(c, {
					signCount: use.signCount,
					backupState: use.backupState,
					lastUsedAt: use.usedAt,
					device: use.device,
					country: use.country,
				});
				return true;
			},
		},
		aliases: {
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
				return [...aliases.entries()]
					.filter(([k, v]) => k.startsWith(`${appId}\u0000`) && v.userId === userId)
					.map(([, v]) => copy(v.alias));
			},
		},
		ceremonies: {
			async put(ceremony) {
				ceremonies.set(ceremony.id, copy(ceremony));
			},
			async take(appId, id) {
				const c = ceremonies.get(id);
				if (!c || c.appId !== appId) return null;
				ceremonies.delete(id);
				return c;
			},
		},
		tokens: {
			async put(token) {
				tokens.set(token.id, copy(token));
			},
			async find(appId, id) {
				const t = tokens.get(id);
				return t && t.appId === appId ? copy(t) : null;
			},
			async take(appId, id) {
				const t = tokens.get(id);
				if (!t || t.appId !== appId) return null;
				tokens.delete(id);
				return t;
			},
			async purgeExpired(now) {
				let removed = 0;
				for (const map of [tokens, ceremonies] as Map<string, { expiresAt: Date }>[]) {
					for (const [id, row] of map) {
						if (row.expiresAt < now) {
							map.delete(id);
							removed++;
						}
					}
				}
				return removed;
			},
		},
		async ping() {},
		async close() {},
	};
}
