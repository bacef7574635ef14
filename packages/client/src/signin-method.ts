/**
 * How `signin()` and `stepup()` find the passkey: by a backend's sign-in token, by user id, by alias, in the
 * autofill, or discoverable (the browser asks).
 * @example
 * const method: SigninMethod = { alias: "ada@example.com" };
 */
export type SigninMethod = { token: string } | { userId: string } | { alias: string } | { autofill: boolean } | { discoverable: boolean };

/**
 * The argument of `stepup()`: a sign-in method and the purpose the server records in the verify token.
 * @example
 * await client.stepup({ signinMethod: { userId: "42" }, purpose: "delete-account" });
 */
export interface StepupRequest {
	signinMethod: SigninMethod;
	/** @default "step-up" */
	purpose?: string;
}
