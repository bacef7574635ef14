import { isBrowserSupported } from "./is-browser-supported.ts";

/**
 * Whether the browser can offer passkeys in the autofill of an `autocomplete="username webauthn"` input
 * (WebAuthn conditional mediation), which `signinWithAutofill()` needs.
 * @returns `false` when WebAuthn or conditional mediation is missing
 * @example
 * if (await isAutofillSupported()) client.signinWithAutofill().then(finish);
 */
export async function isAutofillSupported(): Promise<boolean> {
	return isBrowserSupported() && !!(await PublicKeyCredential.isConditionalMediationAvailable?.());
}
