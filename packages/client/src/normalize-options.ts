import { fromBase64 } from "./from-base64.ts";

/** Bytes as a server sends them (base64url or base64, padded or not), or already decoded. */
export type BytesJSON = string | BufferSource;

/** A credential descriptor in JSON (`allowCredentials[]`, `excludeCredentials[]`); other members pass through. */
export interface CredentialDescriptorJSON {
	id: BytesJSON;
	type?: string;
	transports?: string[];
	[member: string]: unknown;
}

/** Request options (`navigator.credentials.get`) in JSON, from any server; unknown members pass through. */
export interface RequestOptionsJSON {
	challenge: BytesJSON;
	allowCredentials?: CredentialDescriptorJSON[] | null;
	[member: string]: unknown;
}

/** Creation options (`navigator.credentials.create`) in JSON, from any server; unknown members pass through. */
export interface CreationOptionsJSON {
	challenge: BytesJSON;
	user: { id: BytesJSON; name: string; displayName: string; [member: string]: unknown };
	excludeCredentials?: CredentialDescriptorJSON[] | null;
	[member: string]: unknown;
}

type Loose = Record<string, unknown>;

const bytes = (value: unknown): unknown => (typeof value === "string" ? fromBase64(value) : value);

/**
 * Turns the JSON options of any WebAuthn server into what `navigator.credentials.get`/`create` take, discoverable-first.
 *
 * - Accepts the options object (Latchkey/Passwordless.dev `data`, SimpleWebAuthn-style servers), an object wrapping it
 *   in `publicKey`, or a JSON string such as the `CREDENTIAL_REQUEST_OPTIONS` of a Cognito `WEB_AUTHN` challenge.
 * - Decodes `challenge`, `user.id` and every descriptor `id` from base64url or base64, with or without padding.
 * - Drops an empty, `null` or missing `allowCredentials` entirely, so the browser offers every passkey of the site
 *   instead of failing on an empty list (an empty or `null` `excludeCredentials` is dropped too: it excludes nothing).
 * - Leaves every other member untouched (`extensions`, `hints`, vendor members …); does not modify its input.
 *
 * @param input - options object, `{ publicKey }` wrapper, or JSON text of either
 * @returns options for `navigator.credentials.create` (when `user` is present) or `navigator.credentials.get`
 * @throws SyntaxError when `input` is a string that is not JSON; DOMException `InvalidCharacterError` on bad base64
 * @example
 * // Cognito: InitiateAuth/RespondToAuthChallenge answered ChallengeName "WEB_AUTHN"
 * const publicKey = normalizeOptions(challenge.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
 * const credential = await navigator.credentials.get({ publicKey });
 * @example
 * // any server, registration
 * const credential = await navigator.credentials.create({ publicKey: normalizeOptions(await (await fetch("/options")).json()) });
 */
export function normalizeOptions(input: CreationOptionsJSON | { publicKey: CreationOptionsJSON }): PublicKeyCredentialCreationOptions;
export function normalizeOptions(input: RequestOptionsJSON | { publicKey: RequestOptionsJSON } | string): PublicKeyCredentialRequestOptions;
export function normalizeOptions(input: object | string): PublicKeyCredentialCreationOptions | PublicKeyCredentialRequestOptions {
	return reshapeOptions(input, bytes) as unknown as PublicKeyCredentialRequestOptions;
}

/**
 * The one reshaping behind {@link normalizeOptions} and `normalizeOptionsJSON`: unwraps and parses, drops empty
 * credential lists, and converts `challenge`, `user.id` and descriptor ids with `convert`.
 * @param input - options object, `{ publicKey }` wrapper, or JSON text of either
 * @param convert - what to make of a byte member
 * @example
 * reshapeOptions('{"challenge":"AQ","allowCredentials":[]}', (v) => v); // { challenge: "AQ" }
 */
export function reshapeOptions(input: object | string, convert: (value: unknown) => unknown): Loose {
	let json = (typeof input === "string" ? JSON.parse(input) : input) as Loose;
	json = (json.publicKey as Loose | undefined) ?? json;
	const options: Loose = { ...json, challenge: convert(json.challenge) };
	const user = json.user as Loose | undefined;
	if (user) options.user = { ...user, id: convert(user.id) };
	for (const key of ["allowCredentials", "excludeCredentials"]) {
		const list = json[key] as Loose[] | null | undefined;
		if (list?.length) options[key] = list.map((descriptor) => ({ ...descriptor, id: convert(descriptor.id) }));
		else delete options[key];
	}
	return options;
}
