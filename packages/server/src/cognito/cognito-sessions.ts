import { hash } from "node:crypto";
import type { Deps } from "../deps.ts";
import { toBase64Url } from "../encoding.ts";
import type { Store, UserPool } from "../store/store.ts";
import { tokenId } from "../tokens/token-text.ts";
import { CognitoError } from "./cognito-error.ts";

/** How long a refresh token (and the sign-in it continues) lives, seconds (Cognito's default: 30 days). */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 86400;

/** One sign-in: what its refresh token and access tokens carry. */
export interface CognitoSession {
	poolId: string;
	userId: string;
	/** The sign-in's id: `origin_jti` of every token it issues. */
	originJti: string;
	/** When the user signed in, epoch milliseconds. */
	authTime: number;
	/** The e-mail alias the user signed in with (aliases are usually stored hashed), or null. */
	email: string | null;
}

const INVALID_REFRESH = "Invalid Refresh Token";

/** The id of a per-pool, per-user row. */
export function userRowId(pool: UserPool, userId: string, what: string): string {
	return hash("sha256", `${what}\u0000${pool.id}\u0000${userId}`, "base64url");
}

/** A UUID formed from 16 random bytes (version 4). */
export function randomUuid(random: Deps["random"]): string {
	const b = random.bytes(16);
	b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
	b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
	const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Starts a sign-in's session: stores its refresh token (as a SHA-256 hash) and its `origin_jti` marker.
 * @returns the refresh token text (shown once) and the session
 */
export async function startSession(
	input: { pool: UserPool; userId: string; email: string | null },
	deps: Pick<Deps, "store" | "clock" | "random">,
): Promise<{ refreshToken: string; session: CognitoSession }> {
	const now = deps.clock.now();
	const session: CognitoSession = {
		poolId: input.pool.id,
		userId: input.userId,
		originJti: randomUuid(deps.random),
		authTime: now.getTime(),
		email: input.email,
	};
	const refreshToken = toBase64Url(deps.random.bytes(48));
	const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
	const payload = { ...session, refreshId: tokenId(refreshToken) };
	await deps.store.tokens.put({ id: tokenId(refreshToken), appId: input.pool.appId, kind: "cognito_refresh", payload, expiresAt });
	await deps.store.tokens.put({
		id: tokenId(`ojti:${session.originJti}`),
		appId: input.pool.appId,
		kind: "cognito_session",
		payload,
		expiresAt,
	});
	return { refreshToken, session };
}

/** Whether the user signed out everywhere after this session began. */
async function signedOutSince(pool: UserPool, session: CognitoSession, store: Store): Promise<boolean> {
	const marker = await store.tokens.find(pool.appId, userRowId(pool, session.userId, "signout"));
	return marker !== null && marker.kind === "cognito_signout" && (marker.payload.at as number) >= session.authTime;
}

/**
 * The live session a refresh token continues. @throws NotAuthorizedException (unknown, revoked, expired, another
 * pool's, or signed out)
 */
export async function sessionOfRefreshToken(pool: UserPool, text: string, deps: Pick<Deps, "store" | "clock">): Promise<CognitoSession> {
	const row = await deps.store.tokens.find(pool.appId, tokenId(text));
	const session = row?.kind === "cognito_refresh" && row.expiresAt > deps.clock.now() ? (row.payload as unknown as CognitoSession) : null;
	if (!session || session.poolId !== pool.id || (await signedOutSince(pool, session, deps.store))) {
		throw new CognitoError("NotAuthorizedException", INVALID_REFRESH);
	}
	return session;
}

/** Whether the session of `originJti` is still live (not revoked, not signed out). */
export async function isSessionLive(pool: UserPool, originJti: string, deps: Pick<Deps, "store" | "clock">): Promise<boolean> {
	const row = await deps.store.tokens.find(pool.appId, tokenId(`ojti:${originJti}`));
	if (row?.kind !== "cognito_session" || row.expiresAt <= deps.clock.now()) return false;
	return !(await signedOutSince(pool, row.payload as unknown as CognitoSession, deps.store));
}

/** RevokeToken: ends the session of a refresh token (its refresh token and the access tokens it issued). */
export async function revokeRefreshToken(pool: UserPool, text: string, deps: Pick<Deps, "store" | "clock">): Promise<void> {
	const row = await deps.store.tokens.take(pool.appId, tokenId(text));
	if (row?.kind !== "cognito_refresh") return;
	await deps.store.tokens.take(pool.appId, tokenId(`ojti:${(row.payload as unknown as CognitoSession).originJti}`));
}

/** GlobalSignOut: every session of the user that began until now ends (refresh and access tokens). */
export async function signOutEverywhere(pool: UserPool, userId: string, deps: Pick<Deps, "store" | "clock">): Promise<void> {
	const now = deps.clock.now();
	const id = userRowId(pool, userId, "signout");
	await deps.store.tokens.take(pool.appId, id);
	const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
	await deps.store.tokens.put({ id, appId: pool.appId, kind: "cognito_signout", payload: { at: now.getTime() }, expiresAt });
}
