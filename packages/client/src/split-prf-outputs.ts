import type { CredentialJSON } from "./credential-to-json.ts";
import type { PrfOutputs } from "./prf-outputs.ts";
import { toBase64Url } from "./to-base64-url.ts";

/** What {@link splitPrfOutputs} returns: the credential to post, and the PRF outputs for the page only. */
export interface SplitPrfOutputs {
	/** the credential JSON without PRF results; `clientExtensionResults.prf` is `{ enabled: true }` or absent */
	response: CredentialJSON;
	/** the browser's PRF outputs (results in base64url), or `undefined` when it reported none */
	prf: PrfOutputs | undefined;
}

const encode = (value: unknown): string | undefined =>
	typeof value === "string"
		? value
		: value instanceof ArrayBuffer || ArrayBuffer.isView(value)
			? toBase64Url(value as Uint8Array)
			: undefined;

/**
 * Takes the `prf` outputs out of a credential's JSON before it is posted to the server: PRF results are secrets for
 * the page (keys are derived from them), so the server only learns that the passkey supports PRF
 * (`clientExtensionResults.prf = { enabled: true }` when the browser said `enabled` or returned results).
 * @param credential - the credential JSON (`toJSON()` gives results as base64url, the fallback as `ArrayBuffer`)
 * @returns the credential to post and the outputs for the page
 * @example
 * const { response, prf } = splitPrfOutputs(credentialToJSON(credential));
 */
export function splitPrfOutputs(credential: CredentialJSON): SplitPrfOutputs {
	const { prf: raw, ...others } = (credential.clientExtensionResults ?? {}) as Record<string, unknown> & { prf?: Record<string, unknown> };
	if (!raw) return { response: credential, prf: undefined };
	const prf: PrfOutputs = {};
	if (typeof raw.enabled === "boolean") prf.enabled = raw.enabled;
	const results = raw.results as Record<string, unknown> | undefined;
	const first = encode(results?.first);
	if (first !== undefined) {
		const second = encode(results?.second);
		prf.results = second === undefined ? { first } : { first, second };
	}
	const supported = prf.enabled === true || prf.results !== undefined;
	const clientExtensionResults = (supported ? { ...others, prf: { enabled: true } } : others) as AuthenticationExtensionsClientOutputs;
	return { response: { ...credential, clientExtensionResults }, prf };
}
