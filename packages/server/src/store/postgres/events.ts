import type pg from "pg";
import type { EventStore } from "../store.ts";
import { guarded, purgeInBatches } from "./postgres-helpers.ts";
import { query } from "./postgres-queries.ts";
import { type EventRow, eventValues, toEvent } from "./postgres-rows.ts";

/** The audit events on PostgreSQL; purges go in batches. */
export function createPostgresEventStore(pool: pg.Pool): EventStore {
	return guarded({
		async append(e) {
			await query(pool, "appendEvent", eventValues(e));
		},
		async appendMany(list) {
			if (list.length === 0) return;
			const columns: unknown[][] = [[], [], [], [], [], [], [], []];
			for (const e of list) {
				eventValues(e).forEach((value, i) => {
					columns[i]?.push(value);
				});
			}
			await query(pool, "appendEvents", columns);
		},
		async list(appId, page) {
			const [list, count] = await Promise.all([
				query<EventRow>(pool, "listEvents", [appId, page.limit, page.offset]),
				query<{ count: string }>(pool, "countEvents", [appId]),
			]);
			return { events: list.rows.map(toEvent), total: Number(count.rows[0]?.count ?? 0) };
		},
		async purge(appId, before) {
			return purgeInBatches(pool, "purgeEvents", [appId, before]);
		},
	});
}
