import type { AuthenticatorAttachment } from "./authenticator-attachment.ts";
import type { AuthenticatorFlags } from "./authenticator-flags.ts";
import type { ClientDataOptions } from "./client-data-options.ts";

/**
 * Everything besides the credential that goes into an assertion response (internal).
 *
 * @example
 * ```ts
 * const input: AssertionResponseInput = { clientData, rpIdForHash, flags, signCount: 1,
 *   userHandle: undefined, authenticatorAttachment: "platform" };
 * ```
 */
export interface AssertionResponseInput {
	/** The complete client data. */
	clientData: ClientDataOptions;
	/** The RP ID hashed into authenticator data. */
	rpIdForHash: string;
	/** The flags. */
	flags: AuthenticatorFlags;
	/** The counter in authenticator data. */
	signCount: number;
	/** The user handle to return, base64url; omitted when undefined. */
	userHandle: string | undefined;
	/** The reported attachment. */
	authenticatorAttachment: AuthenticatorAttachment;
}
