import type { CredentialPropertiesOutputJSON } from "./credential-properties-output-json.ts";

/**
 * The client extension outputs of a registration.
 *
 * @example
 * ```ts
 * const results: RegistrationExtensionResultsJSON = { credProps: { rk: true } };
 * ```
 */
export interface RegistrationExtensionResultsJSON {
	/** Credential properties; `rk` tells whether the credential is discoverable. */
	credProps: CredentialPropertiesOutputJSON;
}
