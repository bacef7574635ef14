import type { AuthenticatorAttachment } from "./authenticator-attachment.ts";
import type { AuthenticatorFlags } from "./authenticator-flags.ts";
import type { ClientDataOptions } from "./client-data-options.ts";

/**
 * Per-call controls for `getAssertion()`.
 *
 * @example
 * ```ts
 * const call: GetAssertionOptions = { origin: "https://example.com", flags: { uv: false } };
 * ```
 */
export interface GetAssertionOptions {
	/** The calling origin, e.g. `https://example.com`. */
	origin: string;
	/** Use this credential (base64url id) instead of the most recent match. */
	credentialId?: string;
	/** Flags for this call; BE and BS default to the credential's. */
	flags?: Partial<AuthenticatorFlags>;
	/** Report exactly this counter (and remember it); by default it increments. */
	signCount?: number;
	/** Hash this RP ID into authenticator data instead of the real one. */
	rpId?: string;
	/** Override clientData members (type, challenge, origin, crossOrigin). */
	clientData?: Partial<ClientDataOptions>;
	/** Override the returned userHandle; `null` omits it. Defaults to the stored one for discoverable credentials. */
	userHandle?: string | null;
	/** Reported attachment for this call. */
	authenticatorAttachment?: AuthenticatorAttachment;
}
