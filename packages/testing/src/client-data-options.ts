/**
 * The members of the collected client data.
 *
 * @example
 * ```ts
 * const clientData: ClientDataOptions = { type: "webauthn.get", challenge: "Y2hhbGxlbmdl", origin: "https://example.com" };
 * ```
 */
export interface ClientDataOptions {
	/** `"webauthn.create"` or `"webauthn.get"`; any string to test a wrong type. */
	type: string;
	/** The challenge exactly as the server sent it. */
	challenge: string;
	/** The calling origin, e.g. `https://example.com`. */
	origin: string;
	/** Whether the call came from a cross-origin iframe; defaults to `false`. */
	crossOrigin?: boolean;
	/** The embedding top-level page's origin, as browsers add it to a cross-origin iframe's client data. */
	topOrigin?: string;
}
