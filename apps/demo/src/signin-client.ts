import type { Client } from "@latchkey/client";

/**
 * What the log in page needs of a passkey sign-in: `@latchkey/client`'s `Client` (the Passwordless.dev-style API), or
 * the Cognito-style flow of {@link createCognitoSigninClient}. Both resolve to `{ token }` or `{ error }` and never
 * reject; the token is what `POST /api/signin` turns into a session.
 * @example
 * const signin: SigninClient = config.signin === "cognito" ? createCognitoSigninClient() : client;
 */
export type SigninClient = Pick<
	Client,
	"isBrowserSupported" | "isAutofillSupported" | "signinWithAutofill" | "signinWithAlias" | "signinWithDiscoverable" | "abort"
>;
