import type { Deps } from "../deps.ts";
import type { App, AuditEvent } from "../store/store.ts";

/** Upstream's event type names (reference §4.8) that Latchkey writes. */
export type EventType =
	| "ApiAuthUserRegistered"
	| "ApiAuthPasskeyRegistrationBegan"
	| "ApiAuthPasskeyRegistrationCompleted"
	| "ApiAuthInvalidSecretKeyUsed"
	| "ApiAuthInvalidPublicKeyUsed"
	| "ApiAuthDisabledSecretKeyUsed"
	| "ApiAuthDisabledPublicKeyUsed"
	| "ApiUserSetAliases"
	| "ApiUserDeleteCredential"
	| "ApiUserSignInBegan"
	| "ApiUserSignInCompleted"
	| "ApiUserSignInVerified"
	| "ApiUserDeleted"
	| "ApiUserSigninTokenCreated"
	| "ApiAuthenticationConfigurationCreated"
	| "ApiAuthenticationConfigurationUpdated"
	| "ApiAuthenticationConfigurationDeleted"
	| "AdminApiKeyCreated"
	| "AdminApiKeyDeleted"
	| "AdminApiKeyLocked"
	| "AdminApiKeyUnlocked";

/** One thing that happened, as the caller knows it. */
export interface EventInput {
	eventType: EventType;
	message: string;
	/** Whom it is about (usually a userId). */
	subject: string;
	/** The API key used (its id, never the key). */
	apiKeyId: string;
	severity?: AuditEvent["severity"];
	/** Who did it; defaults to "Api". */
	performedBy?: string;
}

/**
 * Appends an entry to the app's audit log, unless the app keeps no log (retention 0).
 * @param app - the app the event belongs to
 * @param input - what happened
 * @param deps - store and clock
 */
export async function recordEvent(app: App, input: EventInput, deps: Pick<Deps, "store" | "clock">): Promise<void> {
	if (app.settings.eventRetentionDays <= 0) return;
	await deps.store.events.append({
		appId: app.id,
		performedAt: deps.clock.now(),
		eventType: input.eventType,
		severity: input.severity ?? "Informational",
		message: input.message.slice(0, 1000),
		performedBy: (input.performedBy ?? "Api").slice(0, 256),
		subject: input.subject.slice(0, 256),
		apiKeyId: input.apiKeyId,
	});
}
