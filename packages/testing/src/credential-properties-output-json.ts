/**
 * The `credProps` extension output.
 *
 * @example
 * ```ts
 * const credProps: CredentialPropertiesOutputJSON = { rk: false };
 * ```
 */
export interface CredentialPropertiesOutputJSON {
	/** Whether the credential is discoverable (resident). */
	rk: boolean;
}
