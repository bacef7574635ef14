/**
 * The `/signin/verify` answer (reference §4.2), which is also the payload of a verify token: all 13 members,
 * timestamps as ISO-8601 UTC strings.
 *
 * The nullable members are the compatible contract: Latchkey writes `""` for the RP ID, origin, device, country and
 * credential id of a token no ceremony made, where a Passwordless.dev server may write `null`.
 * @example
 * const user: VerifiedUserJson = await (await fetch(`${apiUrl}/signin/verify`, init)).json();
 */
export interface VerifiedUserJson {
	/** The relying party's user id. */
	userId: string;
	/** When the ceremony finished. */
	timestamp: string;
	/** The RP ID of the ceremony; `""` (Latchkey) or `null` (upstream) for generated and magic-link tokens. */
	rpId: string | null;
	/** The page origin of the ceremony; `""` or `null` for generated and magic-link tokens. */
	origin: string | null;
	/** `true` on every answer Latchkey sends (a failed verification is a problem body instead). */
	success: boolean;
	/** The browser and OS, e.g. `"Chrome, Mac OS X 10"` (`""` when unknown). */
	device: string | null;
	/** The country code from the configured header (`""` when unknown). */
	country: string | null;
	/** The passkey's nickname. */
	nickname: string | null;
	/** The passkey's id in standard base64 (with `+`, `/`, `=`), as upstream writes it here; `""`/`null` without a passkey. */
	credentialId: string | null;
	/** `sign-in`, `step-up` or the app's own purpose; `null` for registrations. */
	purpose: string | null;
	/** When the verify token expires. */
	expiresAt: string;
	/** The verify token's id, a GUID. */
	tokenId: string;
	/** `passkey_signin`, `passkey_register`, `generated_signin` or `magic_link`; other servers may add kinds. */
	type: "passkey_signin" | "passkey_register" | "generated_signin" | "magic_link" | (string & {});
}
