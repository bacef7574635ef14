/**
 * Whether a ceremony's client extension results show that the passkey supports the PRF extension: `prf.enabled`
 * at registration, or PRF `results` at a sign-in (some authenticators only tell then). `@latchkey/client/lifecycle`
 * posts only `{ enabled: true }` and keeps the results in the page; results another client posts are looked at for
 * this flag only and never stored (WebAuthn L3 §10.1.4).
 * @param extensions - `clientExtensionResults` as posted (untrusted, unsigned)
 * @returns true when PRF support is shown
 * @example
 * showsPrfSupport({ prf: { enabled: true } }); // true
 */
export function showsPrfSupport(extensions: Record<string, unknown> | null | undefined): boolean {
	const prf = extensions?.prf as { enabled?: unknown; results?: unknown } | null | undefined;
	if (typeof prf !== "object" || prf === null) return false;
	return prf.enabled === true || (typeof prf.results === "object" && prf.results !== null);
}
