import { Value } from "@sinclair/typebox/value";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { RequestContext } from "../domain/request-context.ts";
import type { App, UserPool } from "../store/store.ts";
import { isOriginAllowed, normalizeOrigin, type RequestParty } from "../webauthn/origin-policy.ts";
import { CognitoError } from "./cognito-error.ts";
import type { PoolKeys } from "./pool-keys.ts";

/** What every operation receives: deps, config, the pools' keys, the public URL and the caller's device/country. */
export interface CognitoContext {
	deps: Deps;
	config: Config;
	keys: PoolKeys;
	/** The server's public URL (a pool's issuer is `<publicUrl>/<userPoolId>`). */
	publicUrl: string;
	request: RequestContext;
}

/** An operation's request body (a JSON object). */
export type OperationInput = Record<string, unknown>;

/** A required string member of the request. @throws InvalidParameterException */
export function requiredString(body: OperationInput, name: string, maxLength = 4096): string {
	const value = body[name];
	if (typeof value !== "string" || value.length === 0 || value.length > maxLength) {
		throw new CognitoError("InvalidParameterException", `1 validation error detected: Value at '${name}' failed to satisfy constraint.`);
	}
	return value;
}

/** A map of strings (AuthParameters, ChallengeResponses); absent = empty. @throws InvalidParameterException */
export function stringMap(body: OperationInput, name: string): Record<string, string> {
	const value = body[name] ?? {};
	if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === "string")) {
		throw new CognitoError("InvalidParameterException", `${name} must be a map of strings.`);
	}
	return value as Record<string, string>;
}

/**
 * The pool and app of an app client id. @throws ResourceNotFoundException
 * @example const { pool, app } = await poolOfClient(body, context);
 */
export async function poolOfClient(body: OperationInput, context: Pick<CognitoContext, "deps">): Promise<{ pool: UserPool; app: App }> {
	const clientId = requiredString(body, "ClientId", 128);
	const pool = await context.deps.store.pools.findByClientId(clientId);
	const app = pool ? await context.deps.store.apps.findById(pool.appId) : null;
	if (!pool || !app) throw new CognitoError("ResourceNotFoundException", `User pool client ${clientId.slice(0, 128)} does not exist.`);
	return { pool, app };
}

/** The app and its pool of a checked pool (after an access token named it). */
export async function appOfPool(pool: UserPool, context: Pick<CognitoContext, "deps">): Promise<App> {
	const app = await context.deps.store.apps.findById(pool.appId);
	if (!app) throw new CognitoError("ResourceNotFoundException", "User pool does not exist.");
	return app;
}

/** The party of a ceremony's begin: the app's RP ID (the origin is checked at completion, from clientDataJSON). */
export function beginParty(app: App): RequestParty {
	return { origin: app.settings.allowedOrigins[0] ?? `https://${app.settings.rpId}`, rpId: app.settings.rpId };
}

/**
 * Parses a credential (object or JSON text) against a wire schema and checks its clientDataJSON origin against the
 * app's origin policy (the server calls Latchkey, so there is no browser Origin header: the signed origin is the
 * one checked). @throws InvalidParameterException, WebAuthnOriginNotAllowedException
 */
export function parseCredential<T>(
	value: unknown,
	schema: Parameters<typeof Value.Check>[0],
	app: App,
): { response: T; party: RequestParty } {
	let parsed: unknown = value;
	if (typeof value === "string") {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw new CognitoError("InvalidParameterException", "The credential is not valid JSON.");
		}
	}
	if (!Value.Check(schema, parsed)) throw new CognitoError("InvalidParameterException", "The credential is not a valid WebAuthn response.");
	const clientData = (parsed as { response: { clientDataJSON: string } }).response.clientDataJSON;
	let origin: unknown;
	try {
		origin = (JSON.parse(Buffer.from(clientData, "base64url").toString("utf8")) as { origin?: unknown }).origin;
	} catch {
		throw new CognitoError("InvalidParameterException", "The credential's clientDataJSON is not valid.");
	}
	if (typeof origin !== "string" || !isOriginAllowed(origin, app.settings)) {
		throw new CognitoError("WebAuthnOriginNotAllowedException", "The passkey's origin is not allowed for this user pool.");
	}
	return { response: parsed as T, party: { origin: normalizeOrigin(origin), rpId: app.settings.rpId } };
}
