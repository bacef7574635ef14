import { beginRegistration } from "../ceremonies/begin-registration.ts";
import { completeRegistration } from "../ceremonies/complete-registration.ts";
import { issueRegisterToken } from "../ceremonies/issue-register-token.ts";
import { deleteCredential } from "../management/delete-credential.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import type { RegistrationResponseBody } from "../webauthn/credential-json.ts";
import { RegisterCompleteBody } from "../wire/schemas.ts";
import { appOfPool, beginParty, type CognitoContext, type OperationInput, parseCredential, requiredString } from "./cognito-context.ts";
import { CognitoError } from "./cognito-error.ts";
import { userRowId } from "./cognito-sessions.ts";
import { clientTenant, tokenUser } from "./sign-in.ts";
import { accessTokenOwner } from "./user-operations.ts";

/**
 * StartWebAuthnRegistration: begins the shared registration ceremony for the access token's user (through a register
 * token, as `/register/begin`); the pending session is kept per user, so a second start replaces the first.
 */
export async function startWebAuthnRegistration(
	body: OperationInput,
	context: CognitoContext,
): Promise<{ CredentialCreationOptions: unknown }> {
	const { pool, userId } = await accessTokenOwner(body, context);
	const app = await appOfPool(pool, context);
	const { deps } = context;
	const user = await tokenUser(app, userId, context);
	const issued = await issueRegisterToken({ app, body: { userId, username: user.email ?? userId, discoverable: true } }, context);
	const tenant = clientTenant(pool, app);
	await recordRouteEvent(tenant, issued.event, deps);
	const { data, session, event } = await beginRegistration({ app, token: issued.token, party: beginParty(app) }, context);
	await recordRouteEvent(tenant, event, deps);
	const id = userRowId(pool, userId, "registration");
	await deps.store.tokens.take(app.id, id);
	const expiresAt = new Date(deps.clock.now().getTime() + context.config.sessionTtlSeconds * 1000);
	await deps.store.tokens.put({ id, appId: app.id, kind: "cognito_registration", payload: { session }, expiresAt });
	return { CredentialCreationOptions: data };
}

/** CompleteWebAuthnRegistration: completes the user's pending registration with `Credential` (RegistrationResponseJSON). */
export async function completeWebAuthnRegistration(body: OperationInput, context: CognitoContext): Promise<Record<string, never>> {
	const { pool, userId } = await accessTokenOwner(body, context);
	const app = await appOfPool(pool, context);
	const pending = await context.deps.store.tokens.take(app.id, userRowId(pool, userId, "registration"));
	if (pending?.kind !== "cognito_registration" || pending.expiresAt <= context.deps.clock.now()) {
		throw new CognitoError("WebAuthnChallengeNotFoundException", "No passkey registration is pending for this user; start one first.");
	}
	const { response, party } = parseCredential<RegistrationResponseBody>(body.Credential, RegisterCompleteBody.properties.response, app);
	const session = pending.payload.session as string;
	const { event } = await completeRegistration({ app, session, response, nickname: null, party, context: context.request }, context);
	await recordRouteEvent(clientTenant(pool, app), event, context.deps);
	return {};
}

/** ListWebAuthnCredentials: the user's passkeys, oldest first, `MaxResults` (1–20, default 10) per page. */
export async function listWebAuthnCredentials(
	body: OperationInput,
	context: CognitoContext,
): Promise<{ Credentials: unknown[]; NextToken?: string }> {
	const { pool, userId } = await accessTokenOwner(body, context);
	const app = await appOfPool(pool, context);
	const max = body.MaxResults ?? 10;
	if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > 20) {
		throw new CognitoError("InvalidParameterException", "MaxResults must be between 1 and 20.");
	}
	const start = body.NextToken === undefined ? 0 : Number.parseInt(String(body.NextToken), 10);
	if (!Number.isInteger(start) || start < 0) throw new CognitoError("InvalidParameterException", "Invalid NextToken.");
	const all = await context.deps.store.credentials.listByUser(app.id, userId);
	const page = all.slice(start, start + max).map((c) => ({
		CredentialId: c.credentialId,
		FriendlyCredentialName: c.nickname || c.device || "Passkey",
		RelyingPartyId: c.rpId,
		AuthenticatorTransports: c.transports,
		CreatedAt: c.createdAt.getTime() / 1000,
	}));
	return start + max < all.length ? { Credentials: page, NextToken: String(start + max) } : { Credentials: page };
}

/** DeleteWebAuthnCredential: deletes one of the user's passkeys; another user's or an unknown one is not found. */
export async function deleteWebAuthnCredential(body: OperationInput, context: CognitoContext): Promise<Record<string, never>> {
	const { pool, userId } = await accessTokenOwner(body, context);
	const app = await appOfPool(pool, context);
	const credentialId = requiredString(body, "CredentialId", 1400);
	const credential = await context.deps.store.credentials.findById(app.id, credentialId);
	if (!credential || credential.userId !== userId) throw new CognitoError("ResourceNotFoundException", "Credential not found.");
	const event = await deleteCredential({ app, credentialId }, context.deps);
	await recordRouteEvent(clientTenant(pool, app), event, context.deps);
	return {};
}
