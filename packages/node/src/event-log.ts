import type { ApplicationEventJson, EventLogJson } from "@latchkey/protocol";

/**
 * One audit event of the app: the wire object (`ApplicationEventJson` of `@latchkey/protocol`) with `performedAt` as
 * a `Date`; members a newer server adds pass through.
 * @example
 * const signIns = (await latchkey.listEvents()).events.filter((e: ApplicationEvent) => e.eventType === "ApiUserSignInCompleted");
 */
export interface ApplicationEvent extends Omit<ApplicationEventJson, "performedAt"> {
	performedAt: Date;
	[member: string]: unknown;
}

/**
 * One page of the app's event log, from `listEvents`.
 * @example
 * const { events, totalEventCount }: EventLog = await latchkey.listEvents({ pageNumber: 2, numberOfResults: 50 });
 */
export interface EventLog extends Omit<EventLogJson, "events"> {
	events: ApplicationEvent[];
}
