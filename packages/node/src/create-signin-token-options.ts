import type { PublicKeyCredentialHint, TokenExtensions } from "@latchkey/protocol";

/**
 * What `createSigninToken` sends to `POST /signin/token` (a Latchkey extension): a single-use `signin_…` token that
 * starts a sign-in bound to this user, which the browser passes to `client.signin({ token })`. The user need not
 * exist: an unknown user gets a token like any other, and the sign-in then fails with `no_passkeys`.
 * @example
 * const options: CreateSigninTokenOptions = { userId: "42", purpose: "sign-in", userVerification: "required" };
 */
export interface CreateSigninTokenOptions {
	userId: string;
	/** Which authentication configuration applies; written into the verify token. @default "sign-in" */
	purpose?: string;
	/** When the token stops working (a future date). @default in 120 s (the server's register-token lifetime) */
	expiresAt?: Date | string;
	/** Overrides the purpose's user verification. @default the authentication configuration's */
	userVerification?: "required" | "preferred" | "discouraged";
	/** Overrides the purpose's hints (≤ 3). @default the authentication configuration's */
	hints?: PublicKeyCredentialHint[];
	/** WebAuthn extensions to ask for: `{ prf: { eval: { first, second? } } }`, base64url (see `RegisterOptions`). @default none */
	extensions?: TokenExtensions;
}
