import type { ApplicationEvent, EventLog } from "./event-log.ts";
import { expectArray } from "./expect-array.ts";
import { expectRecord } from "./expect-record.ts";
import { parseApiDate } from "./parse-api-date.ts";

/**
 * Reads the `/events` answer, with each event's `performedAt` as a `Date`.
 * @param body - the parsed JSON answer
 * @returns the page of events
 * @throws {LatchkeyError} `invalid_response` when the answer is not an event page
 * @example
 * const page = parseEventLog(await response.json());
 */
export function parseEventLog(body: unknown): EventLog {
	const record = expectRecord(body, "The /events answer");
	const events = expectArray(record.events, "events").map(
		(event) => ({ ...event, performedAt: parseApiDate(event.performedAt, "performedAt") }) as ApplicationEvent,
	);
	return {
		tenantId: String(record.tenantId ?? ""),
		events,
		totalEventCount: typeof record.totalEventCount === "number" ? record.totalEventCount : events.length,
	};
}
