import { errors, jwtVerify, SignJWT } from "jose";
import { DemoError } from "./demo-error.ts";

/** Issues and reads the session JWT (HS256) kept in the HttpOnly cookie. */
export interface SessionManager {
	/** The cookie's name. */
	readonly cookieName: string;
	/** The session's lifetime in seconds. */
	readonly ttlSeconds: number;
	issue(userId: string, now: Date): Promise<string>;
	/**
	 * Reads a session cookie value.
	 * @throws DemoError `not_signed_in` without one, `session_expired` for an expired or invalid one
	 */
	read(token: string | undefined, now: Date): Promise<{ userId: string }>;
}

const ISSUER = "latchkey-demo";

/**
 * Creates the session manager.
 * @param options - the HS256 secret (≥ 32 characters) and the lifetime (@default 8 hours)
 * @example
 * const sessions = createSessionManager({ secret: process.env.DEMO_SESSION_SECRET ?? "" });
 * res.cookie(sessions.cookieName, await sessions.issue(user.id, new Date()), { httpOnly: true });
 */
export function createSessionManager(options: { secret: string; ttlSeconds?: number }): SessionManager {
	const key = new TextEncoder().encode(options.secret);
	const ttlSeconds = options.ttlSeconds ?? 8 * 60 * 60;
	return {
		cookieName: "demo_session",
		ttlSeconds,
		async issue(userId, now) {
			const issuedAt = Math.floor(now.getTime() / 1000);
			return new SignJWT({})
				.setProtectedHeader({ alg: "HS256" })
				.setSubject(userId)
				.setIssuer(ISSUER)
				.setIssuedAt(issuedAt)
				.setExpirationTime(issuedAt + ttlSeconds)
				.sign(key);
		},
		async read(token, now) {
			if (!token) throw new DemoError("not_signed_in", 401, "Log in first.");
			try {
				const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ["HS256"], currentDate: now });
				if (!payload.sub) throw new DemoError("session_expired", 401, "The session is not valid; log in again.");
				return { userId: payload.sub };
			} catch (error) {
				if (error instanceof DemoError) throw error;
				if (error instanceof errors.JOSEError) throw new DemoError("session_expired", 401, "The session has expired; log in again.");
				throw error;
			}
		},
	};
}
