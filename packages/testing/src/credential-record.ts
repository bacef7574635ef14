import type { KeyObject } from "node:crypto";
import type { CoseAlgorithm } from "./cose-algorithm.ts";

/**
 * A credential as the software authenticator stores it (internal).
 *
 * @example
 * ```ts
 * const record: CredentialRecord = importCredentialRecord(exported);
 * ```
 */
export interface CredentialRecord {
	/** The credential id, base64url. */
	id: string;
	/** The credential id bytes. */
	rawId: Uint8Array;
	/** The RP ID the credential is scoped to. */
	rpId: string;
	/** The credential algorithm. */
	alg: CoseAlgorithm;
	/** The credential private key. */
	privateKey: KeyObject;
	/** The CBOR COSE_Key of the credential. */
	cosePublicKey: Uint8Array;
	/** The DER SubjectPublicKeyInfo of the credential. */
	spkiPublicKey: Uint8Array;
	/** The last signature counter reported. */
	counter: number;
	/** When set, every response reports this counter (0 models synced passkeys). */
	fixedSignCount: number | undefined;
	/** The user handle (`user.id`), base64url. */
	userHandle: string;
	/** Whether the credential is discoverable (resident). */
	discoverable: boolean;
	/** The BE flag set at registration. */
	backupEligible: boolean;
	/** The BS flag set at registration. */
	backupState: boolean;
}
