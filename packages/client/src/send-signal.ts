type Signal = "signalUnknownCredential" | "signalAllAcceptedCredentials" | "signalCurrentUserDetails";

/**
 * Calls one of the WebAuthn L3 signal functions of `PublicKeyCredential` if this browser has it.
 * @param name - the function's name
 * @param options - its argument, passed unchanged
 * @returns `true` once the browser accepted the signal, `false` when it has no such function (nothing was sent)
 * @throws what the browser rejects with (`SecurityError` for an RP ID that is not the page's, `TypeError` for an id
 *   that is not base64url)
 * @example
 * await sendSignal("signalUnknownCredential", { rpId: "example.com", credentialId: "AQID" });
 */
export async function sendSignal(name: Signal, options: object): Promise<boolean> {
	const api = typeof PublicKeyCredential === "function" ? (PublicKeyCredential as unknown as Record<string, unknown>) : {};
	const signal = api[name] as ((options: object) => Promise<void>) | undefined;
	if (typeof signal !== "function") return false;
	await signal.call(api, options);
	return true;
}
