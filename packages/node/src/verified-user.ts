import type { VerifiedUserJson } from "@latchkey/protocol";

/**
 * The `/signin/verify` answer exactly as sent (reference §4.2; `VerifiedUserJson` of `@latchkey/protocol`): all 13
 * members, timestamps as ISO-8601 UTC strings, and whatever members a newer or another server adds.
 * @example
 * const raw: VerifiedUserJSON = (await latchkey.verifyToken(token)).raw;
 */
export interface VerifiedUserJSON extends VerifiedUserJson {
	[member: string]: unknown;
}

/**
 * Who signed in, from `verifyToken`: the wire object with `timestamp` and `expiresAt` as `Date`s (sub-millisecond
 * digits are in `raw`). `success` is always `true`: a failed verification throws.
 * @example
 * const user: VerifiedUser = await latchkey.verifyToken(token);
 * if (user.type === "passkey_signin") startSession(user.userId);
 */
export interface VerifiedUser extends Omit<VerifiedUserJson, "timestamp" | "success" | "expiresAt"> {
	/** When the ceremony finished. */
	timestamp: Date;
	success: true;
	/** When the verify token expires. */
	expiresAt: Date;
	/** The object as the server sent it. */
	raw: VerifiedUserJSON;
}
