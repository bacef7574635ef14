/**
 * The answer of the token routes: a `register_…` token for the browser's `client.register(token)`, or a `verify_…`
 * token from `generateSigninToken`.
 * @example
 * const { token }: TokenResponse = await latchkey.createRegisterToken({ userId: "42", username: "ada@example.com" });
 */
export interface TokenResponse {
	token: string;
}
