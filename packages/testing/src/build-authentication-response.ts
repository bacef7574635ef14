import { createHash } from "node:crypto";
import type { AssertionResponseInput } from "./assertion-response-input.ts";
import type { AuthenticationResponseJSON } from "./authentication-response-json.ts";
import { buildClientDataJSON } from "./build-client-data-json.ts";
import type { CredentialRecord } from "./credential-record.ts";
import { encodeAuthenticatorData } from "./encode-authenticator-data.ts";
import { encodeBase64Url } from "./encode-base64url.ts";
import { signWithAlgorithm } from "./sign-with-algorithm.ts";

/**
 * Builds the `toJSON()` form of an assertion signed by a stored credential (internal).
 *
 * @param record - The credential that signs.
 * @param input - Client data, flags, counter, user handle and attachment.
 * @returns The authentication response JSON.
 * @example
 * ```ts
 * const assertion = buildAuthenticationResponse(record, input);
 * ```
 */
export function buildAuthenticationResponse(record: CredentialRecord, input: AssertionResponseInput): AuthenticationResponseJSON {
	const clientDataJSON = buildClientDataJSON(input.clientData);
	const authData = encodeAuthenticatorData(input.rpIdForHash, { flags: input.flags, signCount: input.signCount });
	const clientDataHash = new Uint8Array(createHash("sha256").update(clientDataJSON).digest());
	const signedBytes = new Uint8Array(authData.length + clientDataHash.length);
	signedBytes.set(authData, 0);
	signedBytes.set(clientDataHash, authData.length);
	const signature = signWithAlgorithm(record.privateKey, record.alg, signedBytes);
	const response: AuthenticationResponseJSON["response"] = {
		clientDataJSON: encodeBase64Url(clientDataJSON),
		authenticatorData: encodeBase64Url(authData),
		signature: encodeBase64Url(signature),
	};
	if (input.userHandle !== undefined) response.userHandle = input.userHandle;
	return {
		id: record.id,
		rawId: record.id,
		type: "public-key",
		authenticatorAttachment: input.authenticatorAttachment,
		clientExtensionResults: {},
		response,
	};
}
