import { createHmac } from "node:crypto";

/**
 * The user id that an e-mail without an account signs in as: an HMAC of the address, shaped like a real id
 * (`usr_` + 24 hex digits), so `POST /api/signin-token` answers alike for known and unknown addresses and Latchkey
 * then fails the sign-in with `no_passkeys` either way.
 * @param email - the normalized address
 * @param secret - a server secret (the session secret), so ids cannot be computed from outside
 * @example
 * hiddenUserId("nobody@example.com", secret); // "usr_3f0c…" (24 hex digits), the same every time
 */
export function hiddenUserId(email: string, secret: string): string {
	return `usr_${createHmac("sha256", secret).update(`unknown-user:${email}`).digest("hex").slice(0, 24)}`;
}
