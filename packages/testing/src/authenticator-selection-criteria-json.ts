import type { AuthenticatorAttachment } from "./authenticator-attachment.ts";

/**
 * The `authenticatorSelection` member of creation options.
 *
 * @example
 * ```ts
 * const selection: AuthenticatorSelectionCriteriaJSON = { residentKey: "required", userVerification: "required" };
 * ```
 */
export interface AuthenticatorSelectionCriteriaJSON {
	/** Preferred attachment; informational for the software authenticator. */
	authenticatorAttachment?: AuthenticatorAttachment;
	/** Whether a discoverable credential is wanted. */
	residentKey?: "discouraged" | "preferred" | "required";
	/** Legacy form of `residentKey: "required"`. */
	requireResidentKey?: boolean;
	/** Informational; flags are controlled per call. */
	userVerification?: "discouraged" | "preferred" | "required";
}
