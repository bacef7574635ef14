import type { ClientDataOptions } from "./client-data-options.ts";

/**
 * Serializes client data the way browsers do:
 * `{"type":…,"challenge":…,"origin":…,"crossOrigin":false}` (plus `"topOrigin":…` when given), UTF-8 encoded.
 *
 * @param options - The client data members.
 * @returns The clientDataJSON bytes.
 * @example
 * ```ts
 * const bytes = buildClientDataJSON({ type: "webauthn.create", challenge, origin: "https://example.com" });
 * ```
 */
export function buildClientDataJSON(options: ClientDataOptions): Uint8Array {
	const json = JSON.stringify({
		type: options.type,
		challenge: options.challenge,
		origin: options.origin,
		crossOrigin: options.crossOrigin ?? false,
		...(options.topOrigin !== undefined ? { topOrigin: options.topOrigin } : {}),
	});
	return new TextEncoder().encode(json);
}
