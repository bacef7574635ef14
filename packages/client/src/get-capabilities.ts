import { isAutofillSupported } from "./is-autofill-supported.ts";
import { isBrowserSupported } from "./is-browser-supported.ts";
import { isPlatformSupported } from "./is-platform-supported.ts";

/**
 * What this browser can do with passkeys, as {@link getCapabilities} reports it. The members are those of WebAuthn
 * L3 `getClientCapabilities()` (camelCase, the `extension:prf` key as `prf`), plus `webauthn` and `source`.
 */
export interface Capabilities {
	/** WebAuthn is present at all (`isBrowserSupported()`) */
	webauthn: boolean;
	/** `"getClientCapabilities"` when the browser answered; `"fallback"` when every value comes from the older checks */
	source: "getClientCapabilities" | "fallback";
	/** `create()` with `mediation: "conditional"` (automatic passkey upgrade); fallback `false` */
	conditionalCreate: boolean;
	/** `get()` with `mediation: "conditional"` (autofill); fallback `isAutofillSupported()` */
	conditionalGet: boolean;
	/** sign-in with a phone (hybrid, caBLE); fallback `false` */
	hybridTransport: boolean;
	/** a platform authenticator that holds passkeys; fallback `isPlatformSupported()` */
	passkeyPlatformAuthenticator: boolean;
	/** a user-verifying platform authenticator; fallback `isPlatformSupported()` */
	userVerifyingPlatformAuthenticator: boolean;
	/** WebAuthn related origins (`/.well-known/webauthn`); fallback `false` */
	relatedOrigins: boolean;
	/** `PublicKeyCredential.signalUnknownCredential`; fallback: whether the function exists */
	signalUnknownCredential: boolean;
	/** `PublicKeyCredential.signalAllAcceptedCredentials`; fallback: whether the function exists */
	signalAllAcceptedCredentials: boolean;
	/** `PublicKeyCredential.signalCurrentUserDetails`; fallback: whether the function exists */
	signalCurrentUserDetails: boolean;
	/** the `prf` extension (`extension:prf`); fallback `false` */
	prf: boolean;
	/** every `extension:<id>` key the browser reported, by `<id>` */
	extensions: Record<string, boolean>;
}

type Capable = Record<string, unknown> & { getClientCapabilities?: () => Promise<Record<string, boolean>> };

/**
 * Reports the browser's passkey capabilities: `PublicKeyCredential.getClientCapabilities()` where the browser has
 * it, and the older checks (`isAutofillSupported`, `isPlatformSupported`, the presence of the signal functions) for
 * every capability it does not report (a missing key means "unknown" in WebAuthn L3). Never rejects.
 * @returns the capabilities; all `false` (and `webauthn: false`) outside a browser with WebAuthn
 * @example
 * const { conditionalCreate } = await getCapabilities();
 * if (conditionalCreate) client.register(await fetchRegisterToken(), { mediation: "conditional" });
 */
export async function getCapabilities(): Promise<Capabilities> {
	const webauthn = isBrowserSupported();
	const api = (webauthn ? PublicKeyCredential : {}) as unknown as Capable;
	const reported = (await api.getClientCapabilities?.().catch(() => undefined)) ?? undefined;
	const platform = await isPlatformSupported().catch(() => false);
	const fallback = {
		conditionalCreate: false,
		conditionalGet: await isAutofillSupported().catch(() => false),
		hybridTransport: false,
		passkeyPlatformAuthenticator: platform,
		userVerifyingPlatformAuthenticator: platform,
		relatedOrigins: false,
		signalUnknownCredential: typeof api.signalUnknownCredential === "function",
		signalAllAcceptedCredentials: typeof api.signalAllAcceptedCredentials === "function",
		signalCurrentUserDetails: typeof api.signalCurrentUserDetails === "function",
	};
	const capabilities: Capabilities = {
		webauthn,
		source: reported ? "getClientCapabilities" : "fallback",
		...fallback,
		prf: false,
		extensions: {},
	};
	for (const [key, value] of Object.entries(reported ?? {})) {
		if (key.startsWith("extension:")) capabilities.extensions[key.slice(10)] = value === true;
		else if (Object.hasOwn(fallback, key)) (capabilities as unknown as Record<string, boolean>)[key] = value === true;
	}
	capabilities.prf = capabilities.extensions.prf === true;
	return capabilities;
}
