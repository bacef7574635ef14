import type { Deps } from "../deps.ts";

const DAY_MS = 86_400_000;

/**
 * Background housekeeping: deletes expired sessions and tokens, and events older than each app's retention
 * (all of them when the app keeps no log).
 * @param deps - store and clock
 * @returns how many rows went
 */
export async function purgeExpired(deps: Pick<Deps, "store" | "clock">): Promise<{ tokens: number; events: number }> {
	const now = deps.clock.now();
	const tokens = await deps.store.tokens.purgeExpired(now);
	let events = 0;
	for (const app of await deps.store.apps.list()) {
		events += await deps.store.events.purge(app.id, new Date(now.getTime() - app.settings.eventRetentionDays * DAY_MS));
	}
	return { tokens, events };
}
