import { appOfPool, type CognitoContext, type OperationInput, poolOfClient, requiredString } from "./cognito-context.ts";
import { revokeRefreshToken, signOutEverywhere } from "./cognito-sessions.ts";
import { type AccessTokenOwner, checkAccessToken } from "./cognito-tokens.ts";
import { tokenUser } from "./sign-in.ts";

/**
 * The owner of the request's `AccessToken`. @throws NotAuthorizedException
 * @example const owner = await accessTokenOwner(body, context);
 */
export function accessTokenOwner(body: OperationInput, context: CognitoContext): Promise<AccessTokenOwner> {
	return checkAccessToken(body.AccessToken, { ...context, poolOf: (clientId) => context.deps.store.pools.findByClientId(clientId) });
}

/** GetUser: the user id as Username, and `sub` (and `email` when the user has an e-mail alias in clear) as attributes. */
export async function getUser(
	body: OperationInput,
	context: CognitoContext,
): Promise<{ Username: string; UserAttributes: { Name: string; Value: string }[] }> {
	const owner = await accessTokenOwner(body, context);
	const user = await tokenUser(await appOfPool(owner.pool, context), owner.userId, context);
	const attributes = [{ Name: "sub", Value: user.userId }];
	if (user.email) attributes.push({ Name: "email", Value: user.email });
	return { Username: user.userId, UserAttributes: attributes };
}

/** GlobalSignOut: ends every session of the user (refresh tokens, and access tokens on the operations here). */
export async function globalSignOut(body: OperationInput, context: CognitoContext): Promise<Record<string, never>> {
	const owner = await accessTokenOwner(body, context);
	await signOutEverywhere(owner.pool, owner.userId, context.deps);
	return {};
}

/** RevokeToken: revokes a refresh token and the access tokens of its sign-in; an unknown token is not an error (as Cognito). */
export async function revokeToken(body: OperationInput, context: CognitoContext): Promise<Record<string, never>> {
	const { pool } = await poolOfClient(body, context);
	await revokeRefreshToken(pool, requiredString(body, "Token", 4096), context.deps);
	return {};
}
