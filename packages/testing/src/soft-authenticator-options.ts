import type { AttestationCertificate } from "./attestation-certificate.ts";
import type { AttestationFormat } from "./attestation-format.ts";
import type { AuthenticatorAttachment } from "./authenticator-attachment.ts";
import type { AuthenticatorFlags } from "./authenticator-flags.ts";
import type { AuthenticatorTransport } from "./authenticator-transport.ts";
import type { CoseAlgorithm } from "./cose-algorithm.ts";

/**
 * Authenticator-wide defaults; every one of them can be overridden per call.
 *
 * @example
 * ```ts
 * const syncedPasskeys: SoftAuthenticatorOptions = { flags: { be: true, bs: true }, fixedSignCount: 0 };
 * ```
 */
export interface SoftAuthenticatorOptions {
	/** Supported algorithms; defaults to ES256, EdDSA and RS256. */
	algorithms?: CoseAlgorithm[];
	/** Attestation format; defaults to `"none"`. */
	attestationFormat?: AttestationFormat;
	/** AAGUID as a UUID string or 16 bytes; defaults to all zeros. */
	aaguid?: string | Uint8Array;
	/** With `attestationFormat: "packed"`: full attestation signed by this certificate's key (x5c), not self attestation. */
	attestationCertificate?: AttestationCertificate;
	/** Length of new credential ids in bytes (16 to 1023); defaults to 32. */
	credentialIdLength?: number;
	/** Flag defaults; UP and UV default to true, BE and BS to false. */
	flags?: Partial<AuthenticatorFlags>;
	/** When set, every credential always reports this counter (0 models synced passkeys). */
	fixedSignCount?: number;
	/** Reported attachment; defaults to `"platform"`. */
	authenticatorAttachment?: AuthenticatorAttachment;
	/** Reported transports; defaults to `["hybrid", "internal"]`. */
	transports?: AuthenticatorTransport[];
}
