import { buildClientDataJSON } from "./build-client-data-json.ts";
import type { CredentialRecord } from "./credential-record.ts";
import { encodeAttestationObject } from "./encode-attestation-object.ts";
import { encodeAuthenticatorData } from "./encode-authenticator-data.ts";
import { encodeBase64Url } from "./encode-base64url.ts";
import type { RegistrationResponseInput } from "./registration-response-input.ts";
import type { RegistrationResponseJSON } from "./registration-response-json.ts";

/**
 * Builds the `toJSON()` form of a registration for a freshly made credential (internal).
 *
 * @param record - The new credential.
 * @param input - Client data, flags, counter, AAGUID, format and hints.
 * @returns The registration response JSON.
 * @example
 * ```ts
 * const registration = buildRegistrationResponse(record, input);
 * ```
 */
export function buildRegistrationResponse(record: CredentialRecord, input: RegistrationResponseInput): RegistrationResponseJSON {
	const clientDataJSON = buildClientDataJSON(input.clientData);
	const authData = encodeAuthenticatorData(input.rpIdForHash, {
		flags: input.flags,
		signCount: input.signCount,
		attestedCredential: { aaguid: input.aaguid, credentialId: record.rawId, cosePublicKey: record.cosePublicKey },
	});
	const attestationObject = encodeAttestationObject(authData, {
		format: input.attestationFormat,
		alg: record.alg,
		privateKey: record.privateKey,
		clientDataJSON,
		...(input.attestationCertificate ? { certificate: input.attestationCertificate } : {}),
	});
	return {
		id: record.id,
		rawId: record.id,
		type: "public-key",
		authenticatorAttachment: input.authenticatorAttachment,
		clientExtensionResults: { credProps: { rk: record.discoverable } },
		response: {
			clientDataJSON: encodeBase64Url(clientDataJSON),
			attestationObject: encodeBase64Url(attestationObject),
			transports: [...input.transports],
			publicKeyAlgorithm: record.alg,
			publicKey: encodeBase64Url(record.spkiPublicKey),
			authenticatorData: encodeBase64Url(authData),
		},
	};
}
