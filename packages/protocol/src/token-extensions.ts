/**
 * The WebAuthn extensions a register token (`POST /register/token`) or sign-in token (`POST /signin/token`) can ask
 * for (a Latchkey extension). Only `prf` for now: the backend's evaluation inputs (salts), base64url, which
 * `/register/begin` and `/signin/begin` put into the options' `extensions.prf.eval`. The PRF outputs go to the page
 * only (`@latchkey/client/lifecycle`), never to Latchkey, which records just whether the passkey supports PRF.
 * @example
 * const extensions: TokenExtensions = { prf: { eval: { first: "bGF0Y2hrZXktZGVtbw" } } };
 */
export interface TokenExtensions {
	prf?: {
		/** PRF inputs, base64url (1–256 characters each); `second` for key rotation */
		eval: { first: string; second?: string };
	};
}
