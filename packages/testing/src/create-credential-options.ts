import type { AttestationCertificate } from "./attestation-certificate.ts";
import type { AttestationFormat } from "./attestation-format.ts";
import type { AuthenticatorAttachment } from "./authenticator-attachment.ts";
import type { AuthenticatorFlags } from "./authenticator-flags.ts";
import type { AuthenticatorTransport } from "./authenticator-transport.ts";
import type { ClientDataOptions } from "./client-data-options.ts";
import type { CoseAlgorithm } from "./cose-algorithm.ts";

/**
 * Per-call controls for `createCredential()`.
 *
 * @example
 * ```ts
 * const call: CreateCredentialOptions = { origin: "https://example.com", alg: -8, attestationFormat: "packed" };
 * ```
 */
export interface CreateCredentialOptions {
	/** The calling origin, e.g. `https://example.com`. */
	origin: string;
	/** Force this algorithm instead of picking from `pubKeyCredParams`. */
	alg?: CoseAlgorithm;
	/** Attestation format for this call. */
	attestationFormat?: AttestationFormat;
	/** AAGUID for this call. */
	aaguid?: string | Uint8Array;
	/** With `attestationFormat: "packed"`: full attestation signed by this certificate's key (x5c), not self attestation. */
	attestationCertificate?: AttestationCertificate;
	/** Credential id length in bytes for this call. */
	credentialIdLength?: number;
	/** Flags for this call; BE and BS are remembered with the credential. */
	flags?: Partial<AuthenticatorFlags>;
	/** Make the credential discoverable; defaults from `authenticatorSelection`. */
	discoverable?: boolean;
	/** Counter reported at registration; defaults to 0. */
	signCount?: number;
	/** Make this credential always report this counter. */
	fixedSignCount?: number;
	/** Hash this RP ID into authenticator data instead of the real one. */
	rpId?: string;
	/** Override clientData members (type, challenge, origin, crossOrigin). */
	clientData?: Partial<ClientDataOptions>;
	/** Reported attachment for this call. */
	authenticatorAttachment?: AuthenticatorAttachment;
	/** Reported transports for this call. */
	transports?: AuthenticatorTransport[];
}
