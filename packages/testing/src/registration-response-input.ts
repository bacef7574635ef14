import type { AttestationCertificate } from "./attestation-certificate.ts";
import type { AttestationFormat } from "./attestation-format.ts";
import type { AuthenticatorAttachment } from "./authenticator-attachment.ts";
import type { AuthenticatorFlags } from "./authenticator-flags.ts";
import type { AuthenticatorTransport } from "./authenticator-transport.ts";
import type { ClientDataOptions } from "./client-data-options.ts";

/**
 * Everything besides the credential that goes into a registration response (internal).
 *
 * @example
 * ```ts
 * const input: RegistrationResponseInput = { clientData, rpIdForHash, flags, signCount: 0, aaguid,
 *   attestationFormat: "none", authenticatorAttachment: "platform", transports: ["internal"] };
 * ```
 */
export interface RegistrationResponseInput {
	/** The complete client data. */
	clientData: ClientDataOptions;
	/** The RP ID hashed into authenticator data. */
	rpIdForHash: string;
	/** The flags. */
	flags: AuthenticatorFlags;
	/** The counter in authenticator data. */
	signCount: number;
	/** The 16-byte AAGUID. */
	aaguid: Uint8Array;
	/** The attestation format. */
	attestationFormat: AttestationFormat;
	/** For `packed`: full attestation with this certificate. */
	attestationCertificate?: AttestationCertificate | undefined;
	/** The reported attachment. */
	authenticatorAttachment: AuthenticatorAttachment;
	/** The reported transports. */
	transports: AuthenticatorTransport[];
}
