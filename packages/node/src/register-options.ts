import type {
	AttestationConveyancePreference,
	AuthenticatorType,
	PublicKeyCredentialHint,
	TokenExtensions,
	UserVerificationRequirement,
} from "@latchkey/protocol";

/**
 * What `createRegisterToken` sends to `POST /register/token`: who gets the passkey and how it is made. Omitted
 * members take the server's defaults (shown below).
 * @example
 * const options: RegisterOptions = { userId: "42", username: "ada@example.com", displayName: "Ada Lovelace", aliases: ["ada@example.com"] };
 */
export interface RegisterOptions {
	/** Your stable user id (≤ 64 bytes of UTF-8; it becomes the WebAuthn user handle). Never an e-mail address. */
	userId: string;
	/** Shown by the browser to tell accounts apart, e.g. the e-mail address. */
	username: string;
	/** The person's name, shown by the browser. @default username */
	displayName?: string;
	/** Sign-in names for `signinWithAlias` (≤ 10, each ≤ 250 characters); they replace the user's aliases when the passkey is created. */
	aliases?: string[];
	/** Store the aliases only hashed (`true`) or also in plain text (`false`, so `listAliases`/`listUsers` show them). @default true */
	aliasHashing?: boolean;
	/** Make a discoverable credential (passkey), so sign-in needs no username. @default true */
	discoverable?: boolean;
	/** @default "preferred" */
	userVerification?: UserVerificationRequirement;
	/** @default "any" */
	authenticatorType?: AuthenticatorType;
	/** ≤ 3 hints. @default [] */
	hints?: PublicKeyCredentialHint[];
	/** @default "none" */
	attestation?: AttestationConveyancePreference;
	/** When the token stops working: a `Date` or an ISO-8601 string (without an offset it means UTC). @default now + 120 s */
	expiresAt?: Date | string;
	/**
	 * WebAuthn extensions to ask for (a Latchkey extension): `{ prf: { eval: { first, second? } } }` with base64url
	 * inputs. The PRF outputs reach the page (`@latchkey/client/lifecycle`), never Latchkey. @default none
	 */
	extensions?: TokenExtensions;
}
