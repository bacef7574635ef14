import { fromBase64 } from "./from-base64.ts";
import { type CreationOptionsJSON, type RequestOptionsJSON, reshapeOptions } from "./normalize-options.ts";
import { toBase64Url } from "./to-base64-url.ts";

/** A byte member in the W3C JSON form: base64url text, whether it came as base64url, base64 or bytes. */
function base64url(value: unknown): unknown {
	if (typeof value === "string") return toBase64Url(fromBase64(value));
	if (value instanceof ArrayBuffer) return toBase64Url(value);
	if (ArrayBuffer.isView(value)) return toBase64Url(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
	return value;
}

/**
 * Like {@link normalizeOptions}, but keeps the options as JSON in the W3C form (`PublicKeyCredential*OptionsJSON`):
 * for libraries that take JSON, such as `@simplewebauthn/browser`'s `startAuthentication({ optionsJSON })`. An empty,
 * `null` or missing `allowCredentials` (Cognito sends `[]`) is dropped so the browser offers every passkey of the
 * site; `challenge`, `user.id` and descriptor ids become base64url whether they came as base64url, base64 or bytes.
 * @param input - options object, `{ publicKey }` wrapper, or JSON text of either (Cognito's `CREDENTIAL_REQUEST_OPTIONS`)
 * @returns a new options object; the input is not modified
 * @throws SyntaxError when `input` is a string that is not JSON; DOMException `InvalidCharacterError` on bad base64
 * @example
 * import { startAuthentication } from "@simplewebauthn/browser";
 * const optionsJSON = normalizeOptionsJSON(challenge.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
 * const response = await startAuthentication({ optionsJSON });
 */
export function normalizeOptionsJSON(input: CreationOptionsJSON | { publicKey: CreationOptionsJSON }): CreationOptionsJSON;
export function normalizeOptionsJSON(input: RequestOptionsJSON | { publicKey: RequestOptionsJSON } | string): RequestOptionsJSON;
export function normalizeOptionsJSON(input: object | string): CreationOptionsJSON | RequestOptionsJSON {
	return reshapeOptions(input, base64url) as unknown as RequestOptionsJSON;
}
