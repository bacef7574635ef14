import type { AttestedCredentialData } from "./attested-credential-data.ts";
import type { AuthenticatorFlags } from "./authenticator-flags.ts";

/**
 * What goes into authenticator data besides the RP ID hash.
 *
 * @example
 * ```ts
 * const options: AuthenticatorDataOptions = { flags: { up: true, uv: true, be: false, bs: false }, signCount: 1 };
 * ```
 */
export interface AuthenticatorDataOptions {
	/** The UP, UV, BE and BS flags; AT is set when `attestedCredential` is given. */
	flags: AuthenticatorFlags;
	/** The 32-bit signature counter. */
	signCount: number;
	/** Present for registrations only. */
	attestedCredential?: AttestedCredentialData;
}
