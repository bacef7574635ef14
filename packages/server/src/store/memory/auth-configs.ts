import { PasskeyError } from "@latchkey/protocol";
import type { AuthConfigStore } from "../store.ts";
import { ck, copy, type MemoryContext } from "./memory-context.ts";

/** The authentication configurations in memory. */
export function createMemoryAuthConfigStore(ctx: MemoryContext): AuthConfigStore {
	const { authConfigs } = ctx.state;
	return {
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
	};
}
