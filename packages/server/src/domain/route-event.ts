import type { AuditEvent } from "../store/store.ts";

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
	| "ApiUserMagicLinkCreated"
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
 * What a ceremony or management step did, as data: the event name and the facts its log entry needs. The steps
 * return it, routes hand it to `recordRouteEvent`; the entry's text is written here, next to the name, and nowhere
 * else.
 */
export type RouteEvent =
	| { eventType: "ApiAuthUserRegistered"; userId: string }
	| { eventType: "ApiAuthPasskeyRegistrationBegan"; userId: string }
	| { eventType: "ApiAuthPasskeyRegistrationCompleted"; userId: string }
	| { eventType: "ApiUserSignInBegan"; userId: string | null; alias: string | null; token: boolean }
	| { eventType: "ApiUserSignInCompleted"; userId: string }
	| { eventType: "ApiUserSignInVerified"; userId: string; tokenType: string }
	| { eventType: "ApiUserSigninTokenCreated"; userId: string; kind: "verify" | "signin" }
	| { eventType: "ApiUserMagicLinkCreated"; userId: string; maskedAddress: string }
	| { eventType: "ApiUserSetAliases"; userId: string; count: number }
	| { eventType: "ApiUserDeleteCredential"; userId: string; credentialId: string }
	| { eventType: "ApiUserDeleted"; userId: string; credentials: number; aliases: number }
	| {
			eventType:
				| "ApiAuthenticationConfigurationCreated"
				| "ApiAuthenticationConfigurationUpdated"
				| "ApiAuthenticationConfigurationDeleted";
			purpose: string;
			performedBy: string;
	  };

const CONFIG_VERB = {
	ApiAuthenticationConfigurationCreated: "Created",
	ApiAuthenticationConfigurationUpdated: "Updated",
	ApiAuthenticationConfigurationDeleted: "Deleted",
} as const;

/** The log entry (message, subject, performer) of a route event; the texts are upstream-shaped and fixed. */
export function describeRouteEvent(event: RouteEvent): Omit<EventInput, "apiKeyId"> {
	const { eventType } = event;
	switch (event.eventType) {
		case "ApiAuthUserRegistered":
			return { eventType, subject: event.userId, message: `Created a registration token for user '${event.userId}'.` };
		case "ApiAuthPasskeyRegistrationBegan":
			return { eventType, subject: event.userId, message: `Began passkey registration for user '${event.userId}'.` };
		case "ApiAuthPasskeyRegistrationCompleted":
			return { eventType, subject: event.userId, message: `Completed passkey registration for user '${event.userId}'.` };
		case "ApiUserSignInBegan": {
			const { userId, alias } = event;
			const subject = userId || (alias ? "(alias)" : "(discoverable)");
			const how = event.token ? "by sign-in token" : userId ? "by userId" : alias ? "by alias" : "discoverable";
			return { eventType, subject, message: `Began sign-in (${how}).` };
		}
		case "ApiUserSignInCompleted":
			return { eventType, subject: event.userId, message: `User '${event.userId}' signed in with a passkey.` };
		case "ApiUserSignInVerified":
			return { eventType, subject: event.userId, message: `Verified a ${event.tokenType} token of user '${event.userId}'.` };
		case "ApiUserSigninTokenCreated": {
			const message =
				event.kind === "signin"
					? `Created a sign-in token (signin_) for user '${event.userId}'.`
					: `Generated a sign-in token for user '${event.userId}'.`;
			return { eventType, subject: event.userId, message };
		}
		case "ApiUserMagicLinkCreated":
			return { eventType, subject: event.userId, message: `Sent a magic link for user '${event.userId}' to ${event.maskedAddress}.` };
		case "ApiUserSetAliases":
			return { eventType, subject: event.userId, message: `Set ${event.count} alias(es) for user '${event.userId}'.` };
		case "ApiUserDeleteCredential":
			return { eventType, subject: event.userId, message: `Deleted credential '${event.credentialId}' of user '${event.userId}'.` };
		case "ApiUserDeleted": {
			const message = `Deleted user '${event.userId}' (${event.credentials} credential(s), ${event.aliases} alias(es)).`;
			return { eventType, subject: event.userId, message };
		}
		default: {
			const message = `${CONFIG_VERB[event.eventType]} the authentication configuration '${event.purpose}'.`;
			return { eventType, subject: event.purpose, message, performedBy: event.performedBy };
		}
	}
}
