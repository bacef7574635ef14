import { PasskeyError } from "@latchkey/protocol";
import { createLocalRateLimits } from "../local-rate-limits.ts";
import type {
	Alias,
	ApiKeyRecord,
	App,
	AuditEvent,
	AuthConfig,
	Ceremony,
	Credential,
	CredentialUse,
	Store,
	Token,
	TransferRecord,
	UserSummary,
} from "../store.ts";
import { emptyTransferCounts, transferRecordAppId } from "../transfer-records.ts";

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
	const authConfigs = new Map<string, AuthConfig>();
	let events: AuditEvent[] = [];
	const aliasesOf = (appId: string, userId: string): [string, { alias: Alias; userId: string }][] =>
		[...aliases.entries()].filter(([k, v]) => k.startsWith(`${appId}\u0000`) && v.userId === userId);
	const replaceAliases = (appId: string, userId: string, next: Alias[]): void => {
		for (const a of next) {
			const owner = aliases.get(ck(appId, a.hash));
			if (owner && owner.userId !== userId) throw new PasskeyError("alias_conflict");
		}
		for (const [k] of aliasesOf(appId, userId)) aliases.delete(k);
		for (const a of next) aliases.set(ck(appId, a.hash), { alias: copy(a), userId });
	};
	const ck = (appId: string, id: string): string => `${appId}\u0000${id}`;
	const register = (credential: Credential, newAliases: Alias[] | null): void => {
		const key = ck(credential.appId, credential.credentialId);
		if (credentials.has(key)) throw new PasskeyError("credential_already_registered");
		if (newAliases !== null) replaceAliases(credential.appId, credential.userId, newAliases);
		credentials.set(key, copy(credential));
	};
	const recordUse = (use: CredentialUse): boolean => {
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
	};
	const ceremonyOf = (appId: string, id: string): Ceremony | null => {
		const c = ceremonies.get(id);
		return c && c.appId === appId ? c : null;
	};
	const copy = <T>(value: T): T => structuredClone(value);
	const byKey =
		<T>(key: (value: T) => string) =>
		(a: T, b: T): number =>
			key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
	function* exportRecords(withEvents: boolean): Generator<TransferRecord> {
		const appIds = [...apps.keys()].sort();
		for (const id of appIds) yield { type: "app", app: copy(apps.get(id) as App) };
		for (const id of appIds) {
			for (const k of [...(keys.get(id) ?? [])].sort(byKey((x) => x.id))) yield { type: "apiKey", apiKey: copy(k) };
		}
		for (const [, c] of [...authConfigs].sort(byKey(([k]) => k))) yield { type: "authConfig", authConfig: copy(c) };
		for (const [, c] of [...credentials].sort(byKey(([k]) => k))) yield { type: "credential", credential: copy(c) };
		for (const [k, v] of [...aliases].sort(byKey(([key]) => key))) {
			yield { type: "alias", appId: k.slice(0, k.indexOf("\u0000")), userId: v.userId, alias: copy(v.alias) };
		}
		if (!withEvents) return;
		for (const id of appIds) for (const e of events.filter((x) => x.appId === id)) yield { type: "event", event: copy(e) };
	}

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
			async updateSettings(appId, settings) {
				const app = apps.get(appId);
				if (app) app.settings = copy(settings);
			},
		},
		apiKeys: {
			async listByApp(appId, kind) {
				return (keys.get(appId) ?? []).filter((k) => k.kind === kind).map(copy);
			},
			async listAll(appId) {
				return (keys.get(appId) ?? []).map(copy);
			},
			async add(record) {
				const list = keys.get(record.appId);
				if (!list) throw new PasskeyError("app_not_found");
				if (list.some((k) => k.id === record.id)) throw new PasskeyError("invalid_argument", { detail: "A key with this id exists." });
				list.push(copy(record));
			},
			async setLocked(appId, keyId, locked) {
				const key = (keys.get(appId) ?? []).find((k) => k.id === keyId);
				if (key) key.locked = locked;
				return key !== undefined;
			},
			async delete(appId, keyId) {
				const list = keys.get(appId) ?? [];
				const index = list.findIndex((k) => k.id === keyId);
				if (index >= 0) list.splice(index, 1);
				return index >= 0;
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
				register(credential, newAliases);
			},
			async recordUse(use: CredentialUse) {
				return recordUse(use);
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
				return aliasesOf(appId, userId)
					.map(([, v]) => copy(v.alias))
					.sort((a, b) => (a.hash < b.hash ? -1 : 1));
			},
			async replaceForUser(appId, userId, next) {
				replaceAliases(appId, userId, next);
			},
		},
		ceremonies: {
			async put(ceremony) {
				ceremonies.set(ceremony.id, copy(ceremony));
			},
			async find(appId, id) {
				const c = ceremonyOf(appId, id);
				return c ? copy(c) : null;
			},
			async take(appId, id) {
				const c = ceremonyOf(appId, id);
				if (c) ceremonies.delete(id);
				return c;
			},
			async finishSignIn(f) {
				if (!ceremonyOf(f.ceremony.appId, f.ceremony.id)) return "ceremony_gone";
				ceremonies.delete(f.ceremony.id);
				if (!recordUse(f.use) && f.counterMustMatch) return "counter_conflict";
				tokens.set(f.token.id, copy(f.token));
				return "done";
			},
			async finishRegistration(f) {
				if (!ceremonyOf(f.ceremony.appId, f.ceremony.id)) return "ceremony_gone";
				register(f.credential, f.aliases); // throws before anything is changed
				ceremonies.delete(f.ceremony.id);
				tokens.set(f.token.id, copy(f.token));
				return "done";
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
		authConfigs: {
			async list(appId) {
				return [...authConfigs.values()]
					.filter((c) => c.appId === appId)
					.sort((a, b) => (a.purpose < b.purpose ? -1 : 1))
					.map(copy);
			},
			async find(appId, purpose) {
				const c = authConfigs.get(ck(appId, purpose));
				return c ? copy(c) : null;
			},
			async create(config) {
				if (authConfigs.has(ck(config.appId, config.purpose))) throw new PasskeyError("auth_config_already_exists");
				authConfigs.set(ck(config.appId, config.purpose), copy(config));
			},
			async save(config) {
				authConfigs.set(ck(config.appId, config.purpose), copy(config));
			},
			async delete(appId, purpose) {
				return authConfigs.delete(ck(appId, purpose));
			},
		},
		events: {
			async append(event) {
				events.push(copy(event));
			},
			async appendMany(list) {
				for (const event of list) events.push(copy(event));
			},
			async list(appId, page) {
				const own = events.filter((e) => e.appId === appId).reverse();
				return { events: own.slice(page.offset, page.offset + page.limit).map(copy), total: own.length };
			},
			async purge(appId, before) {
				const kept = events.filter((e) => e.appId !== appId || e.performedAt >= before);
				const removed = events.length - kept.length;
				events = kept;
				return removed;
			},
		},
		rateLimits: createLocalRateLimits(),
		transfer: {
			async *exportAll(options) {
				yield* exportRecords(options.events);
			},
			async importAll(records) {
				if (apps.size > 0) throw new Error("the store already holds apps; import needs an empty database");
				const counts = emptyTransferCounts();
				const staged: TransferRecord[] = [];
				const appIds = new Set<string>();
				for await (const record of records) {
					const appId = transferRecordAppId(record);
					if (record.type === "app") appIds.add(appId);
					else if (!appIds.has(appId)) throw new Error(`a ${record.type} record names app '${appId}' before (or without) its app record`);
					staged.push(copy(record));
					counts[record.type]++;
				}
				for (const r of staged) {
					if (r.type === "app") {
						apps.set(r.app.id, r.app);
						keys.set(r.app.id, []);
					} else if (r.type === "apiKey") keys.get(r.apiKey.appId)?.push(r.apiKey);
					else if (r.type === "authConfig") authConfigs.set(ck(r.authConfig.appId, r.authConfig.purpose), r.authConfig);
					else if (r.type === "credential") credentials.set(ck(r.credential.appId, r.credential.credentialId), r.credential);
					else if (r.type === "alias") aliases.set(ck(r.appId, r.alias.hash), { alias: r.alias, userId: r.userId });
					else events.push(r.event);
				}
				return counts;
			},
		},
		async ping() {},
		async close() {},
	};
}
