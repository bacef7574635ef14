import type { CoseAlgorithm } from "./cose-algorithm.ts";

/**
 * Public facts about a stored credential, as `listCredentials()` returns them.
 *
 * @example
 * ```ts
 * const [latest]: CredentialSummary[] = authenticator.listCredentials("example.com").reverse();
 * ```
 */
export interface CredentialSummary {
	/** The credential id, base64url. */
	id: string;
	/** The RP ID the credential is scoped to. */
	rpId: string;
	/** The credential algorithm. */
	alg: CoseAlgorithm;
	/** The last signature counter reported. */
	counter: number;
	/** When set, every response reports this counter. */
	fixedSignCount?: number;
	/** The user handle (`user.id`), base64url. */
	userHandle: string;
	/** Whether the credential is discoverable (resident). */
	discoverable: boolean;
	/** The BE flag set at registration. */
	backupEligible: boolean;
	/** The BS flag set at registration. */
	backupState: boolean;
}
