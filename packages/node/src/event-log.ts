/**
 * One audit event of the app.
 * @example
 * const signIns = (await latchkey.listEvents()).events.filter((e: ApplicationEvent) => e.eventType === "ApiUserSignInCompleted");
 */
export interface ApplicationEvent {
	performedAt: Date;
	message: string;
	performedBy: string;
	tenantId: string;
	/** The event type's name, e.g. `ApiUserSignInCompleted`. */
	eventType: string;
	/** `Informational`, `Warning`, `Error` or `Alert`. */
	severity: string;
	subject: string;
	apiKeyId: string;
	[member: string]: unknown;
}

/**
 * One page of the app's event log, from `listEvents`.
 * @example
 * const { events, totalEventCount }: EventLog = await latchkey.listEvents({ pageNumber: 2, numberOfResults: 50 });
 */
export interface EventLog {
	tenantId: string;
	events: ApplicationEvent[];
	totalEventCount: number;
}
