import { PasskeyError } from "@latchkey/protocol";
import type {
	Alias,
	ApiKeyRecord,
	App,
	AuditEvent,
	AuthConfig,
	Ceremony,
	Credential,
	CredentialUse,
	SigningKey,
	Token,
	TransferRecord,
	UserPool,
} from "../model.ts";

/** Everything the memory store holds. */
export interface MemoryState {
	apps: Map<string, App>;
	keys: Map<string, ApiKeyRecord[]>;
	credentials: Map<string, Credential>;
	aliases: Map<string, { alias: Alias; userId: string }>;
	ceremonies: Map<string, Ceremony>;
	tokens: Map<string, Token>;
	authConfigs: Map<string, AuthConfig>;
	pools: Map<string, UserPool>;
	/** Signing keys by pool id, newest first. */
	signingKeys: Map<string, SigningKey[]>;
	events: AuditEvent[];
}

/** The state and the operations several memory sub-stores share. */
export interface MemoryContext {
	state: MemoryState;
	aliasesOf(appId: string, userId: string): [string, { alias: Alias; userId: string }][];
	replaceAliases(appId: string, userId: string, next: Alias[]): void;
	register(credential: Credential, newAliases: Alias[] | null): void;
	recordUse(use: CredentialUse): boolean;
	ceremonyOf(appId: string, id: string): Ceremony | null;
	exportRecords(withEvents: boolean): Generator<TransferRecord>;
}

/** The key of a per-app entry. */
export function ck(appId: string, id: string): string {
	return `${appId}\u0000${id}`;
}

/** A deep copy, so callers never share objects with the store. */
export function copy<T>(value: T): T {
	return structuredClone(value);
}

/** A comparator by a string key. */
export function byKey<T>(key: (value: T) => string): (a: T, b: T) => number {
	return (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/** An empty memory store's state and shared operations. */
export function createMemoryContext(): MemoryContext {
	const state: MemoryState = {
		apps: new Map(),
		keys: new Map(),
		credentials: new Map(),
		aliases: new Map(),
		ceremonies: new Map(),
		tokens: new Map(),
		authConfigs: new Map(),
		pools: new Map(),
		signingKeys: new Map(),
		events: [],
	};
	const { apps, keys, credentials, aliases, ceremonies, authConfigs } = state;
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
			prfSupported: c.prfSupported || use.prfSupported === true,
		});
		return true;
	};
	const ceremonyOf = (appId: string, id: string): Ceremony | null => {
		const c = ceremonies.get(id);
		return c && c.appId === appId ? c : null;
	};
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
		const pools = [...state.pools.values()].sort(byKey((p) => p.id));
		for (const pool of pools) yield { type: "pool", pool: copy(pool) };
		for (const pool of pools) {
			const keys = [...(state.signingKeys.get(pool.id) ?? [])].sort(byKey((k) => k.kid));
			for (const key of keys) yield { type: "signingKey", appId: pool.appId, key: copy(key) };
		}
		if (!withEvents) return;
		for (const id of appIds) for (const e of state.events.filter((x) => x.appId === id)) yield { type: "event", event: copy(e) };
	}

	return { state, aliasesOf, replaceAliases, register, recordUse, ceremonyOf, exportRecords };
}
