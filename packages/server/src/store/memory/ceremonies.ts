import type { CeremonyStore } from "../store.ts";
import { copy, type MemoryContext } from "./memory-context.ts";

/** The ceremonies in memory. */
export function createMemoryCeremonyStore(ctx: MemoryContext): CeremonyStore {
	const { register, recordUse, ceremonyOf } = ctx;
	const { ceremonies, tokens } = ctx.state;
	return {
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
	};
}
