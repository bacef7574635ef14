import type { AuthenticatorSelectionCriteriaJSON } from "./authenticator-selection-criteria-json.ts";

/**
 * Decides whether to make a discoverable credential: yes for `residentKey` `"required"` or
 * `"preferred"`, no for `"discouraged"`, else whatever `requireResidentKey` says (default no).
 *
 * @param selection - The `authenticatorSelection` from the creation options.
 * @returns Whether to make the credential discoverable.
 * @example
 * ```ts
 * prefersResidentKey({ residentKey: "preferred" }); // true
 * ```
 */
export function prefersResidentKey(selection: AuthenticatorSelectionCriteriaJSON | undefined): boolean {
	if (selection?.residentKey !== undefined) return selection.residentKey !== "discouraged";
	return selection?.requireResidentKey === true;
}
