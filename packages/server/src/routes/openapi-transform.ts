import type { SwaggerTransform } from "@fastify/swagger";
import type { FastifySchema } from "fastify";

/** One line per route, shown in the OpenAPI document and on /docs. */
const SUMMARIES: Record<string, string> = {
	"POST /register/token": "Create a register token for a user (your backend)",
	"POST /register/begin": "Start a passkey registration: creation options and a session",
	"POST /register/complete": "Finish a registration: verify and store the passkey, return a verify token",
	"POST /signin/begin": "Start a sign-in by userId, alias, sign-in token, or discoverable",
	"POST /signin/complete": "Finish a sign-in: verify the assertion, return a verify token",
	"POST /signin/verify": "Exchange a verify token for who signed in (your backend)",
	"POST /signin/generate-token": "Make a verify token for a user without a ceremony",
	"POST /magic-links/send": "E-mail a user a single-use sign-in link (account recovery)",
	"POST /signin/token": "Make a single-use sign-in token bound to one user (Latchkey extension)",
	"POST /alias": "Replace a user's aliases",
	"GET /alias/list": "List a user's aliases",
	"GET /credentials/list": "List a user's passkeys",
	"POST /credentials/list": "List a user's passkeys (userId in the body)",
	"POST /credentials/delete": "Delete a passkey",
	"GET /credentials/get": "One passkey by its id (Latchkey extension)",
	"POST /credentials/update": "Rename a passkey: set or clear its nickname (Latchkey extension)",
	"GET /signals/accepted-credentials":
		"The arguments of signalAllAcceptedCredentials for a user: RP ID, user handle, passkey ids (Latchkey extension)",
	"GET /signals/user-details": "The arguments of signalCurrentUserDetails for a user's current names (Latchkey extension)",
	"GET /users/list": "List users with passkeys (at most 1000)",
	"GET /users/count": "Count users with passkeys",
	"POST /users/delete": "Delete a user's passkeys and aliases",
	"GET /events": "Page through the app's audit log, newest first",
	"GET /auth-configs/list": "List authentication configurations (sign-in and step-up are always there)",
	"POST /auth-configs/add": "Add an authentication configuration",
	"POST /auth-configs": "Change an authentication configuration",
	"POST /auth-configs/delete": "Delete an authentication configuration",
	"POST /apps/features": "Switch the app's features (event log retention, generated tokens, attestation policy)",
	"GET /apps/features": "Read the app's feature switches",
	"GET /apps/:appId/.well-known/webauthn": "The app's related-origins document, to publish at https://<RP ID>/.well-known/webauthn",
	"GET /authenticators/list": "List the AAGUIDs on the app's allow list (isAllowed=true) or deny list",
	"POST /authenticators/add": "Put AAGUIDs on the allow or deny list",
	"POST /authenticators/remove": "Take AAGUIDs off the allow and deny lists",
	"GET /mds/attestation-types": "List the attestation types in the imported FIDO metadata (Latchkey read route)",
	"GET /mds/certification-statuses": "List the certification statuses in the imported FIDO metadata (Latchkey read route)",
	"GET /mds/entries": "List FIDO2 authenticators in the imported FIDO metadata, filtered (Latchkey read route)",
	"GET /health/http": "The process answers",
	"GET /health/storage": "The database answers",
	"GET /health/version": "The server version",
};

/** Tells which key a route needs, from the `config.key` it declares: ApiKey, ApiSecret, or none (health). */
function securityOf(key: string | undefined): Record<string, string[]>[] {
	if (key === "public") return [{ ApiKey: [] }];
	if (key === "secret") return [{ ApiSecret: [] }];
	return [];
}

/** The summary of a route, or undefined for routes that are not part of the API (playground, docs). */
export function summaryOf(method: string, url: string): string | undefined {
	return SUMMARIES[`${method} ${url}`];
}

/**
 * `@fastify/swagger`'s transform: adds each route's summary and security requirement to its schema, and hides the
 * routes that are not part of the API.
 * @param input - the route's schema and URL as the plugin passes them
 */
export const openApiTransform: SwaggerTransform = ({ schema, url, route }) => {
	const method = [route.method].flat()[0] ?? "GET";
	const summary = summaryOf(method, url);
	const base: FastifySchema = schema ?? {};
	if (!summary) return { schema: { ...base, hide: true }, url };
	return { schema: { ...base, summary, security: securityOf(route.config?.key) }, url };
};
