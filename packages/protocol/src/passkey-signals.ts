/**
 * WebAuthn L3 `AllAcceptedCredentialsOptions`, the argument of `PublicKeyCredential.signalAllAcceptedCredentials`:
 * what `GET /signals/accepted-credentials` answers (`getAcceptedCredentialsSignal` of `@latchkey/node`) and
 * `signalAllAcceptedCredentials` of `@latchkey/client/signals` takes.
 * @example
 * const signal: AcceptedCredentialsSignal = { rpId: "example.com", userId: "NDI", allAcceptedCredentialIds: ["AQID"] };
 */
export interface AcceptedCredentialsSignal {
	rpId: string;
	/** the WebAuthn user handle (`user.id` of the creation options: base64url of the userId's UTF-8), not the userId */
	userId: string;
	/** every passkey id of the user the server still accepts for this RP ID, base64url */
	allAcceptedCredentialIds: string[];
}

/**
 * WebAuthn L3 `CurrentUserDetailsOptions`, the argument of `PublicKeyCredential.signalCurrentUserDetails`: what
 * `GET /signals/user-details` answers (`getUserDetailsSignal` of `@latchkey/node`) and `signalCurrentUserDetails` of
 * `@latchkey/client/signals` takes.
 * @example
 * const signal: UserDetailsSignal = { rpId: "example.com", userId: "NDI", name: "ada@example.com", displayName: "Ada" };
 */
export interface UserDetailsSignal {
	rpId: string;
	/** the WebAuthn user handle, base64url */
	userId: string;
	/** the account name shown in the passkey list (the register token's `username`) */
	name: string;
	/** the display name (the register token's `displayName`) */
	displayName: string;
}
