/**
 * The `/signin/verify` answer exactly as sent (reference §4.2): all 13 members, timestamps as ISO-8601 UTC strings.
 * @example
 * const raw: VerifiedUserJSON = (await latchkey.verifyToken(token)).raw;
 */
export interface VerifiedUserJSON {
	userId: string;
	timestamp: string;
	rpId: string | null;
	origin: string | null;
	success: boolean;
	device: string | null;
	country: string | null;
	nickname: string | null;
	credentialId: string | null;
	purpose: string | null;
	expiresAt: string;
	tokenId: string;
	type: string;
	[member: string]: unknown;
}

/**
 * Who signed in, from `verifyToken`: the wire object with `timestamp` and `expiresAt` as `Date`s (sub-millisecond
 * digits are in `raw`). `success` is always `true`: a failed verification throws.
 * @example
 * const user: VerifiedUser = await latchkey.verifyToken(token);
 * if (user.type === "passkey_signin") startSession(user.userId);
 */
export interface VerifiedUser {
	/** Your user id. */
	userId: string;
	/** When the ceremony finished. */
	timestamp: Date;
	/** The RP ID of the ceremony; `""` (Latchkey) or `null` (upstream) for generated and magic-link tokens. */
	rpId: string | null;
	/** The page origin of the ceremony; `""` or `null` for generated and magic-link tokens. */
	origin: string | null;
	success: true;
	/** The browser and OS, e.g. `"Chrome, Mac OS X 10"` (`""` when unknown). */
	device: string | null;
	/** The country code from the configured header (`""` when unknown). */
	country: string | null;
	/** The passkey's nickname. */
	nickname: string | null;
	/** The passkey's id in standard base64 (with `+`, `/`, `=`), as upstream writes it here; `""`/`null` without a passkey. */
	credentialId: string | null;
	/** `sign-in`, `step-up` or your own purpose; `null` for registrations. */
	purpose: string | null;
	/** When the verify token expires. */
	expiresAt: Date;
	tokenId: string;
	/** `passkey_signin`, `passkey_register`, `generated_signin` or `magic_link`. */
	type: "passkey_signin" | "passkey_register" | "generated_signin" | "magic_link" | (string & {});
	/** The object as the server sent it. */
	raw: VerifiedUserJSON;
}
