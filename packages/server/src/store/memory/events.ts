import type { EventStore } from "../store.ts";
import { copy, type MemoryContext } from "./memory-context.ts";

/** The audit events in memory. */
export function createMemoryEventStore(ctx: MemoryContext): EventStore {
	const { state } = ctx;
	return {
		async append(event) {
			state.events.push(copy(event));
		},
		async appendMany(list) {
			for (const event of list) state.events.push(copy(event));
		},
		async list(appId, page) {
			const own = state.events.filter((e) => e.appId === appId).reverse();
			return { events: own.slice(page.offset, page.offset + page.limit).map(copy), total: own.length };
		},
		async purge(appId, before) {
			const kept = state.events.filter((e) => e.appId !== appId || e.performedAt >= before);
			const removed = state.events.length - kept.length;
			state.events = kept;
			return removed;
		},
	};
}
