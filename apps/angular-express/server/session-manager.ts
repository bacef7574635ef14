import { errors, jwtVerify, SignJWT } from "jose";
import { AppError } from "./app-error.ts";

/** Signs and checks the session cookie's value: an HS256 JWT naming the user. */
export interface SessionManager {
	readonly cookieName: string;
	readonly ttlSeconds: number;
	issue(userId: string, now: Date): Promise<string>;
	/**
	 * Checks a cookie value.
	 * @throws AppError `not_signed_in` (401) without one, `session_expired` (401) when expired, forged or malformed
	 */
	read(value: string | undefined, now: Date): Promise<string>;
}

const ISSUER = "latchkey-angular-express";

/**
 * Creates the session manager.
 * @param options - the HMAC secret (at least 32 characters) and the lifetime (@default 8 hours)
 * @throws RangeError when the secret is shorter than 32 characters
 * @example
 * const sessions = createSessionManager({ secret: process.env.APP_SESSION_SECRET ?? "" });
 * const userId = await sessions.read(cookieValue, new Date());
 */
export function createSessionManager(options: { secret: string; ttlSeconds?: number }): SessionManager {
	if (options.secret.length < 32) throw new RangeError("the session secret must be at least 32 characters");
	const key = new TextEncoder().encode(options.secret);
	const ttlSeconds = options.ttlSeconds ?? 8 * 3600;
	return {
		cookieName: "lk_session",
		ttlSeconds,
		issue(userId, now) {
			const seconds = Math.floor(now.getTime() / 1000);
			return new SignJWT({})
				.setProtectedHeader({ alg: "HS256" })
				.setIssuer(ISSUER)
				.setSubject(userId)
				.setIssuedAt(seconds)
				.setExpirationTime(seconds + ttlSeconds)
				.sign(key);
		},
		async read(value, now) {
			if (!value) throw new AppError("not_signed_in", 401, "Sign in first.");
			const payload = await jwtVerify(value, key, { issuer: ISSUER, algorithms: ["HS256"], currentDate: now }).then(
				(result) => result.payload,
				(error: unknown) => {
					if (error instanceof errors.JOSEError) return null;
					throw error;
				},
			);
			if (!payload?.sub) throw new AppError("session_expired", 401, "Your session has ended; sign in again.");
			return payload.sub;
		},
	};
}
