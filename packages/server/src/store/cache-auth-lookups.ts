import type { Clock } from "../clock.ts";
import type { ApiKeyRecord, App, Store } from "./store.ts";

/** Options for {@link cacheAuthLookups}. */
export interface AuthLookupCacheOptions {
	/** How long an app or its keys are reused, milliseconds. @default 2000 */
	ttlMs?: number;
	/** Most entries kept (apps and key lists together); the oldest go first. @default 10000 */
	capacity?: number;
}

interface Entry<T> {
	value: Promise<T>;
	until: number;
}

/**
 * Wraps a store so that the two reads every authenticated request makes — the app (`apps.findById`) and its keys of
 * one kind (`apiKeys.listByApp`) — are served from a per-process cache for `ttlMs`. The key check itself
 * (salted hash, constant-time compare, locked flag, scopes) still runs on every request in `authenticate`.
 *
 * Any other call on `apps` or `apiKeys` through this store (settings updates, key rotation, locking…) empties the
 * cache when it completes, so a change made through this process applies to its next request. A change made through
 * another process (another worker, another node, the CLI) applies here within `ttlMs`.
 * @param store - the store to wrap (its other parts are passed through untouched)
 * @param clock - where "now" comes from
 * @param options - see {@link AuthLookupCacheOptions}
 */
export function cacheAuthLookups(store: Store, clock: Clock, options: AuthLookupCacheOptions = {}): Store {
	const ttlMs = options.ttlMs ?? 2000;
	const capacity = options.capacity ?? 10_000;
	const entries = new Map<string, Entry<unknown>>();

	const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
		const now = clock.now().getTime();
		const hit = entries.get(key) as Entry<T> | undefined;
		if (hit && hit.until > now) return hit.value;
		const value = load();
		entries.delete(key);
		entries.set(key, { value, until: now + ttlMs });
		if (entries.size > capacity) {
			const oldest = entries.keys().next().value;
			if (oldest !== undefined) entries.delete(oldest);
		}
		// A failed read is not remembered.
		value.catch(() => {
			if (entries.get(key)?.value === value) entries.delete(key);
		});
		return value;
	};

	/** Every method but the cached ones: call through, then forget what was cached. */
	const invalidating = <T extends object>(part: T, keep: string[]): T => {
		const out: Record<string, unknown> = { ...(part as Record<string, unknown>) };
		for (const [name, value] of Object.entries(part)) {
			if (typeof value !== "function" || keep.includes(name)) continue;
			out[name] = async (...args: unknown[]): Promise<unknown> => {
				try {
					return await value(...args);
				} finally {
					entries.clear();
				}
			};
		}
		return out as T;
	};

	const apps = invalidating(store.apps, ["findById", "list"]);
	apps.findById = (appId) => cached<App | null>(`app\u0000${appId}`, () => store.apps.findById(appId));
	const apiKeys = invalidating(store.apiKeys, []);
	apiKeys.listByApp = (appId, kind) =>
		cached<ApiKeyRecord[]>(`keys\u0000${appId}\u0000${kind}`, () => store.apiKeys.listByApp(appId, kind));
	return { ...store, apps, apiKeys };
}
