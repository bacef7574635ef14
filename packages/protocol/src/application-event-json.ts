/**
 * One audit event as `GET /events` writes it (inside {@link EventLogJson}).
 * @example
 * const signIns = page.events.filter((e: ApplicationEventJson) => e.eventType === "ApiUserSignInCompleted");
 */
export interface ApplicationEventJson {
	/** ISO-8601 UTC. */
	performedAt: string;
	message: string;
	performedBy: string;
	tenantId: string;
	/** The event type's name, e.g. `ApiUserSignInCompleted`. */
	eventType: string;
	/** `Informational`, `Warning`, `Error` or `Alert`. */
	severity: string;
	subject: string;
	apiKeyId: string;
}
