import { toBase64Url } from "./to-base64-url.ts";

/** A credential as WebAuthn JSON (`PublicKeyCredential.toJSON()`), the body's `response` member. */
export interface CredentialJSON {
	id: string;
	rawId: string;
	type: string;
	authenticatorAttachment: string | null;
	clientExtensionResults: AuthenticationExtensionsClientOutputs;
	response: Record<string, unknown>;
}

/**
 * Serialises a credential to WebAuthn JSON: `credential.toJSON()` where the browser has it, otherwise the same
 * members built by hand (every `ArrayBuffer` attribute of the response in base64url, `transports`,
 * `authenticatorAttachment`, `clientExtensionResults` such as `credProps`).
 * @param credential - what `navigator.credentials.create`/`get` resolved with
 * @returns the JSON object
 * @example
 * const response = credentialToJSON(await navigator.credentials.get({ publicKey }));
 */
export function credentialToJSON(credential: PublicKeyCredential): CredentialJSON {
	try {
		return credential.toJSON() as unknown as CredentialJSON; // TypeScript 6's DOM types: largeBlob.blob is a string in toJSON()
	} catch {
		const source = credential.response as unknown as Record<string, unknown> & { getTransports?: () => string[] };
		const response: Record<string, unknown> = { transports: source.getTransports?.() };
		// WebIDL attributes are enumerable accessors on the prototype, so for-in finds clientDataJSON, signature …
		for (const key in source) if (source[key] instanceof ArrayBuffer) response[key] = toBase64Url(source[key]);
		return {
			id: credential.id,
			rawId: toBase64Url(credential.rawId),
			type: credential.type,
			authenticatorAttachment: credential.authenticatorAttachment,
			clientExtensionResults: credential.getClientExtensionResults(),
			response,
		};
	}
}
