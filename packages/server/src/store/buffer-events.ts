import type { AuditEvent, EventStore, Store } from "./store.ts";

/** Where a failed flush is reported. */
export interface EventBufferLogger {
	error(object: object, message: string): void;
}

/** Options for {@link bufferEvents}. */
export interface EventBufferOptions {
	/** Longest an event waits before it is written, milliseconds. @default 50 */
	flushMs?: number;
	/** Write at once when this many events wait. @default 200 */
	maxBatch?: number;
	/** Where a failed flush is reported (the events of that batch are lost). */
	logger?: EventBufferLogger;
}

/**
 * Wraps a store so that audit events are written in batches: `events.append` only queues the event, and the queue
 * is written with one `events.appendMany` (one transaction / one statement) every `flushMs` or `maxBatch` events.
 * Listing, purging and closing write the queue first, so this process's own events are always listed.
 *
 * The trade-off (docs/performance.md): the event log is an audit log, not state; a crash (kill -9, power loss) can
 * lose the events of the last `flushMs`. Nothing else goes through the buffer — credentials, counters, sessions and
 * tokens are written before the request is answered.
 * @param store - the store to wrap (its other parts are passed through untouched)
 * @param options - see {@link EventBufferOptions}
 * @example const store = bufferEvents(await openStore(config), { logger });
 */
export function bufferEvents(store: Store, options: EventBufferOptions = {}): Store {
	const flushMs = options.flushMs ?? 50;
	const maxBatch = options.maxBatch ?? 200;
	let queue: AuditEvent[] = [];
	let timer: NodeJS.Timeout | null = null;
	let writing: Promise<void> = Promise.resolve();

	const flush = (): Promise<void> => {
		if (timer) clearTimeout(timer);
		timer = null;
		if (queue.length === 0) return writing;
		const batch = queue;
		queue = [];
		// Batches are written one after another, so the log keeps the order events happened in.
		writing = writing.then(() =>
			store.events.appendMany(batch).catch((err: unknown) => {
				options.logger?.error({ err, lost: batch.length }, "writing audit events failed");
			}),
		);
		return writing;
	};

	const events: EventStore = {
		...store.events,
		async append(event) {
			queue.push(event);
			if (queue.length >= maxBatch) void flush();
			else if (!timer) {
				timer = setTimeout(() => void flush(), flushMs);
				timer.unref();
			}
		},
		async appendMany(list) {
			for (const event of list) await events.append(event);
		},
		async list(appId, page) {
			await flush();
			return store.events.list(appId, page);
		},
		async purge(appId, before) {
			await flush();
			return store.events.purge(appId, before);
		},
	};
	return {
		...store,
		events,
		async close() {
			await flush();
			await store.close();
		},
	};
}
