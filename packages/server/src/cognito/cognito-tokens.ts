import { decodeJwt, decodeProtectedHeader, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { Deps } from "../deps.ts";
import type { UserPool } from "../store/store.ts";
import { CognitoError } from "./cognito-error.ts";
import { type CognitoSession, isSessionLive, randomUuid } from "./cognito-sessions.ts";
import { ACCESS_TOKEN_TTL_SECONDS, type PoolKeys } from "./pool-keys.ts";

/** What the ID token says about the user. */
export interface TokenUser {
	userId: string;
	/** The user's e-mail alias, when they have one. */
	email: string | null;
}

/** The pool's access and ID tokens for one sign-in. */
export interface SignedTokens {
	AccessToken: string;
	IdToken: string;
	ExpiresIn: number;
	TokenType: "Bearer";
}

/** What the operations need to sign and check tokens. */
export interface TokenContext {
	deps: Pick<Deps, "store" | "clock" | "random">;
	keys: PoolKeys;
	/** The server's public URL; a pool's issuer is `<publicUrl>/<userPoolId>`. */
	publicUrl: string;
}

const INVALID_ACCESS = "Invalid Access Token";

/**
 * Signs an RS256 ID token and access token for a session with the pool's current key, with Cognito's claims.
 * `sub` and `cognito:username`/`username` are the Latchkey user id.
 * @example const tokens = await signTokens({ pool, session, user }, context);
 */
export async function signTokens(
	input: { pool: UserPool; session: CognitoSession; user: TokenUser },
	context: TokenContext,
): Promise<SignedTokens> {
	const { pool, session, user } = input;
	const now = context.deps.clock.now();
	const iat = Math.floor(now.getTime() / 1000);
	const common = {
		sub: user.userId,
		iss: `${context.publicUrl}/${pool.id}`,
		auth_time: Math.floor(session.authTime / 1000),
		iat,
		exp: iat + ACCESS_TOKEN_TTL_SECONDS,
	};
	const { kid, key } = await context.keys.signer(pool.id, now);
	const sign = (claims: JWTPayload): Promise<string> => new SignJWT(claims).setProtectedHeader({ kid, alg: "RS256" }).sign(key);
	const idClaims: JWTPayload = {
		...common,
		aud: pool.clientId,
		token_use: "id",
		jti: randomUuid(context.deps.random),
		origin_jti: session.originJti,
		"cognito:username": user.userId,
		...(user.email ? { email: user.email, email_verified: false } : {}),
	};
	const accessClaims: JWTPayload = {
		...common,
		client_id: pool.clientId,
		token_use: "access",
		scope: "aws.cognito.signin.user.admin",
		jti: randomUuid(context.deps.random),
		origin_jti: session.originJti,
		username: user.userId,
	};
	const [IdToken, AccessToken] = await Promise.all([sign(idClaims), sign(accessClaims)]);
	return { AccessToken, IdToken, ExpiresIn: ACCESS_TOKEN_TTL_SECONDS, TokenType: "Bearer" };
}

/** A checked access token: its pool and user. */
export interface AccessTokenOwner {
	pool: UserPool;
	userId: string;
	originJti: string;
}

/**
 * Checks an access token: RS256 by a published key of its pool, this issuer, not expired, `token_use: access`, and
 * its sign-in not revoked (RevokeToken, GlobalSignOut).
 * @throws NotAuthorizedException for anything else
 */
export async function checkAccessToken(
	token: unknown,
	context: TokenContext & { poolOf: (clientId: string) => Promise<UserPool | null> },
): Promise<AccessTokenOwner> {
	const refuse = (): CognitoError => new CognitoError("NotAuthorizedException", INVALID_ACCESS);
	if (typeof token !== "string" || token.length > 8192) throw refuse();
	let clientId: unknown;
	let kid: string | undefined;
	try {
		clientId = decodeJwt(token).client_id;
		kid = decodeProtectedHeader(token).kid;
	} catch {
		throw refuse();
	}
	const pool = typeof clientId === "string" ? await context.poolOf(clientId) : null;
	const now = context.deps.clock.now();
	const key = pool && kid ? await context.keys.verifier(pool.id, kid, now) : null;
	if (!pool || !key) throw refuse();
	let payload: JWTPayload;
	try {
		({ payload } = await jwtVerify(token, key, { algorithms: ["RS256"], issuer: `${context.publicUrl}/${pool.id}`, currentDate: now }));
	} catch {
		throw refuse();
	}
	const originJti = payload.origin_jti;
	if (payload.token_use !== "access" || typeof payload.sub !== "string" || typeof originJti !== "string") throw refuse();
	if (!(await isSessionLive(pool, originJti, context.deps))) throw refuse();
	return { pool, userId: payload.sub, originJti };
}
