import type { EventStore } from "../store.ts";
import type { SqliteContext } from "./sqlite-context.ts";
import { appendEvent } from "./sqlite-queries.ts";
import { type EventRow, toEvent } from "./sqlite-rows.ts";

/** The audit events on SQLite; appends go through the group commit, purges in batches. */
export function createSqliteEventStore(ctx: SqliteContext): EventStore {
	const { q, group, writes } = ctx;
	return {
		async append(e) {
			await group.write(() => appendEvent(q, e));
		},
		async appendMany(list) {
			await group.write(() => {
				for (const e of list) appendEvent(q, e);
			});
		},
		async list(appId, page) {
			group.flush(); // events written a moment ago are listed too
			const rows = q.listEvents.all(appId, page.limit, page.offset) as EventRow[];
			return {
				events: rows.map(toEvent),
				total: (q.countEvents.get(appId) as { count: number }).count,
			};
		},
		async purge(appId, before) {
			return writes.inBatches(() => q.purgeEvents.run(appId, before.getTime()).changes);
		},
	};
}
