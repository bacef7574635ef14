import providers from "./authenticator-providers.json" with { type: "json" };

const NAMES: Record<string, string> = providers;

/**
 * The passkey provider behind an AAGUID, from the small table of well-known ones in `authenticator-providers.json`.
 * @param aaGuid - the authenticator model's GUID, any case
 * @returns the provider's name, or `null` when unknown (including the all-zero AAGUID that many authenticators send)
 * @example
 * providerName("fbfc3007-154e-4ecc-8c0b-6e020557d7bd"); // "iCloud Keychain"
 */
export function providerName(aaGuid: string): string | null {
	return NAMES[aaGuid.toLowerCase()] ?? null;
}
