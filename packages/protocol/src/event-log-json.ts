import type { ApplicationEventJson } from "./application-event-json.ts";

/**
 * One page of the app's event log as `GET /events` writes it, newest first.
 * @example
 * const { events, totalEventCount }: EventLogJson = await (await fetch(`${apiUrl}/events?pageNumber=2`, init)).json();
 */
export interface EventLogJson {
	tenantId: string;
	events: ApplicationEventJson[];
	totalEventCount: number;
}
