import { PasskeyError } from "@latchkey/protocol";
import type { ApiKeyStore, AppStore } from "../store.ts";
import { copy, type MemoryContext } from "./memory-context.ts";

/** The apps in memory. */
export function createMemoryAppStore(ctx: MemoryContext): AppStore {
	const { apps, keys } = ctx.state;
	return {
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
	};
}

/** The API keys in memory. */
export function createMemoryApiKeyStore(ctx: MemoryContext): ApiKeyStore {
	const { keys } = ctx.state;
	return {
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
	};
}
