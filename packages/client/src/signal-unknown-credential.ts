import { sendSignal } from "./send-signal.ts";

/** The argument of {@link signalUnknownCredential} (WebAuthn L3 `UnknownCredentialOptions`). */
export interface UnknownCredentialOptions {
	/** the RP ID the passkey is scoped to */
	rpId: string;
	/** the passkey's id, base64url */
	credentialId: string;
}

/**
 * Tells the browser's passkey provider that the server does not know this passkey (deleted, or never finished), so
 * it can hide or remove it. `LifecycleClient` does this on its own when a sign-in fails with `unknown_credential`.
 * @param options - `rpId` and the passkey's `credentialId` (base64url)
 * @returns `true` when the signal was sent, `false` when the browser has no Signal API (a no-op)
 * @throws the browser's `SecurityError` (RP ID not the page's) or `TypeError` (not base64url)
 * @example
 * import { signalUnknownCredential } from "@latchkey/client/signals";
 * await signalUnknownCredential({ rpId: "example.com", credentialId });
 */
export function signalUnknownCredential(options: UnknownCredentialOptions): Promise<boolean> {
	return sendSignal("signalUnknownCredential", { rpId: options.rpId, credentialId: options.credentialId });
}
