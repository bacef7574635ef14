/**
 * The answer of the token routes (`POST /register/token`, `/signin/generate-token`, `/register/complete`,
 * `/signin/complete`): a `register_…` token for the browser, or a `verify_…` token for the backend's `/signin/verify`.
 * @example
 * const { token }: TokenResponse = await (await fetch(`${apiUrl}/register/token`, init)).json();
 */
export interface TokenResponse {
	token: string;
}
