/**
 * What `getAcceptedCredentialsSignal` returns (`GET /signals/accepted-credentials`): WebAuthn L3
 * `AllAcceptedCredentialsOptions`, to hand to the page for `signalAllAcceptedCredentials` of `@latchkey/client/signals`.
 * @example
 * const signal: AcceptedCredentialsSignal = { rpId: "example.com", userId: "NDI", allAcceptedCredentialIds: ["AQID"] };
 */
export interface AcceptedCredentialsSignal {
	rpId: string;
	/** the WebAuthn user handle (base64url of the userId's UTF-8), not your userId */
	userId: string;
	/** the user's passkey ids for this RP ID, base64url */
	allAcceptedCredentialIds: string[];
}

/**
 * What `getUserDetailsSignal` returns (`GET /signals/user-details`): WebAuthn L3 `CurrentUserDetailsOptions`, for
 * `signalCurrentUserDetails` of `@latchkey/client/signals`.
 * @example
 * const signal: UserDetailsSignal = { rpId: "example.com", userId: "NDI", name: "ada@example.com", displayName: "Ada" };
 */
export interface UserDetailsSignal {
	rpId: string;
	/** the WebAuthn user handle */
	userId: string;
	name: string;
	displayName: string;
}
