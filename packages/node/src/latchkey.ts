import type { AcceptedCredentialsSignal, AliasPointer, TokenResponse, UserDetailsSignal } from "@latchkey/protocol";
import type { AppFeatures } from "./app-features.ts";
import type { AuthConfig } from "./auth-config.ts";
import type { AuthConfigOptions, DeleteAuthConfigOptions } from "./auth-config-options.ts";
import type { CreateSigninTokenOptions } from "./create-signin-token-options.ts";
import type { Credential } from "./credential.ts";
import type { EventLog } from "./event-log.ts";
import { expectArray } from "./expect-array.ts";
import { expectRecord } from "./expect-record.ts";
import { invalidResponse } from "./invalid-response.ts";
import type { LatchkeyOptions } from "./latchkey-options.ts";
import type { ListEventsOptions } from "./list-events-options.ts";
import type { MagicLinkOptions } from "./magic-link-options.ts";
import { parseAuthConfig } from "./parse-auth-config.ts";
import { parseCredential } from "./parse-credential.ts";
import { parseEventLog } from "./parse-event-log.ts";
import { parseUserSummary } from "./parse-user-summary.ts";
import { parseVerifiedUser } from "./parse-verified-user.ts";
import type { RegisterOptions } from "./register-options.ts";
import { type ApiRequest, type RequestConfig, sendRequest } from "./send-request.ts";
import type { SetAliasesOptions } from "./set-aliases-options.ts";
import type { SigninTokenOptions } from "./signin-token-options.ts";
import { toTimeSpan } from "./to-time-span.ts";
import type { UserSummary } from "./user-summary.ts";
import type { VerifiedUser } from "./verified-user.ts";

/**
 * The backend client for Latchkey's secret API (the Passwordless.dev routes behind the `ApiSecret` header): issue
 * register tokens, verify sign-ins, and manage aliases, passkeys, users, events, sign-in purposes and app features.
 *
 * Every method throws a {@link LatchkeyError} on failure: the server's problem details (`errorCode` from
 * docs/errors.md), or `network_error` / `timeout` (status 0) / `invalid_response`. GETs are retried on network errors,
 * timeouts and 502/503/504; POSTs never are. The secret is kept in a private field and never appears in errors.
 *
 * @param options - `apiUrl`, `apiSecret`, and optionally `fetch`, `timeoutMs` (@default 10000), `retries` (@default 2)
 * @throws {TypeError} when `apiUrl` is not an http(s) URL or `apiSecret` is empty
 * @throws {RangeError} when `timeoutMs` is not positive or `retries` is not a whole number ≥ 0
 * @example
 * import { Latchkey } from "@latchkey/node";
 * const latchkey = new Latchkey({ apiUrl: "http://localhost:4000", apiSecret: process.env.LATCHKEY_API_SECRET ?? "" });
 * const { token } = await latchkey.createRegisterToken({ userId: "42", username: "ada@example.com" });
 * const user = await latchkey.verifyToken(verifyTokenFromBrowser);
 */
export class Latchkey {
	readonly #config: RequestConfig;

	constructor(options: LatchkeyOptions) {
		let url: URL;
		try {
			url = new URL(options.apiUrl);
		} catch {
			throw new TypeError("Latchkey: apiUrl must be an absolute http(s) URL, e.g. http://localhost:4000");
		}
		if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError("Latchkey: apiUrl must use http or https");
		if (typeof options.apiSecret !== "string" || options.apiSecret.trim() === "") throw new TypeError("Latchkey: apiSecret is required");
		const { timeoutMs = 10_000, retries = 2 } = options;
		if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
			throw new RangeError("Latchkey: timeoutMs must be a positive number of milliseconds");
		if (!(Number.isSafeInteger(retries) && retries >= 0)) throw new RangeError("Latchkey: retries must be a whole number ≥ 0");
		const fetchFunction = options.fetch ?? ((input: string, init: RequestInit): Promise<Response> => globalThis.fetch(input, init));
		this.#config = {
			baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, "")}`,
			apiSecret: options.apiSecret,
			fetch: fetchFunction,
			timeoutMs,
			retries,
		};
	}

	/**
	 * Issues a register token for the browser's `client.register(token)` (`POST /register/token`, scope `token_register`).
	 * @param options - `userId` and `username` are required; the rest take the server's defaults
	 * @returns `{ token: "register_…" }`
	 * @throws {LatchkeyError} `invalid_request`, `invalid_argument`, `invalid_attestation`, `alias_conflict`
	 * @example
	 * const { token } = await latchkey.createRegisterToken({ userId: "42", username: "ada@example.com", aliases: ["ada@example.com"] });
	 */
	async createRegisterToken(options: RegisterOptions): Promise<TokenResponse> {
		const { expiresAt, ...rest } = options;
		const body = { ...rest, expiresAt: expiresAt instanceof Date ? expiresAt.toISOString() : expiresAt };
		return this.#token({ method: "POST", path: "/register/token", body });
	}

	/**
	 * Makes a single-use sign-in token for one user (`POST /signin/token`, scope `token_register`; a Latchkey
	 * extension): your backend decides who signs in, the browser runs `client.signin({ token })`, which offers only that
	 * user's passkeys and is completed only by one of them. `verifyToken` then answers `type: "passkey_signin"` with
	 * the token's `purpose`.
	 * @param options - `userId`, optional `purpose`, `expiresAt` and `userVerification`
	 * @returns `{ token: "signin_…" }`
	 * @throws {LatchkeyError} `invalid_request`, `invalid_argument` (expiresAt not in the future, unknown userVerification)
	 * @example
	 * const { token } = await latchkey.createSigninToken({ userId: "42" });
	 */
	async createSigninToken(options: CreateSigninTokenOptions): Promise<TokenResponse> {
		const { expiresAt, ...rest } = options;
		const body = { ...rest, expiresAt: expiresAt instanceof Date ? expiresAt.toISOString() : expiresAt };
		return this.#token({ method: "POST", path: "/signin/token", body });
	}

	/**
	 * Exchanges a `verify_…` token from the browser for who signed in (`POST /signin/verify`, scope `token_verify`).
	 * Latchkey's verify tokens are single-use by default: verify once, then start your own session.
	 * @param token - the token `client.signin…()` / `client.register()` returned
	 * @returns the verified user; `type` says how the token was made, `purpose` why
	 * @throws {LatchkeyError} `missing_token`, `invalid_token`, `invalid_token_format`, `expired_token` (403)
	 * @example
	 * const { userId } = await latchkey.verifyToken(req.body.token);
	 */
	async verifyToken(token: string): Promise<VerifiedUser> {
		const { body } = await this.#send({ method: "POST", path: "/signin/verify", body: { token } });
		return parseVerifiedUser(body);
	}

	/**
	 * Makes a verify token without a ceremony (`POST /signin/generate-token`, scope `token_verify`): for tests,
	 * recovery or your own magic links. `verifyToken` then answers `type: "generated_signin"`.
	 * @param options - `userId`, optional `timeToLive` in seconds (@default 120) and `purpose` (@default "sign-in")
	 * @returns `{ token: "verify_…" }`
	 * @throws {LatchkeyError} `invalid_request` (timeToLive outside 1–604800); `generate_token_disabled` (403) when the app switched the route off
	 * @example
	 * const { token } = await latchkey.generateSigninToken({ userId: "42", timeToLive: 600 });
	 */
	async generateSigninToken(options: SigninTokenOptions): Promise<TokenResponse> {
		return this.#token({ method: "POST", path: "/signin/generate-token", body: options });
	}

	/**
	 * Mails a sign-in link (`POST /magic-links/send`, scope `token_verify`): account recovery for a user who lost
	 * their passkey. The link carries a single-use verify token that `verifyToken` exchanges (`type: "magic_link"`).
	 * Never retried: a request sends its mail at most once.
	 * @param options - `emailAddress`, `urlTemplate` (with `$TOKEN`), `userId`, optional `timeToLive`, `purpose`, `language`
	 * @throws {LatchkeyError} `invalid_request`; `magic_links_disabled` (403); `magic_link_email_quota_exceeded` (429,
	 * `retryAfter` seconds in the problem); `email_not_configured` / `email_unavailable` (503); `email_delivery_failed` (502)
	 * @example
	 * await latchkey.sendMagicLink({ emailAddress: "ada@example.com", userId: "42", urlTemplate: "https://shop.example/recover?token=$TOKEN" });
	 */
	async sendMagicLink(options: MagicLinkOptions): Promise<void> {
		await this.#send({ method: "POST", path: "/magic-links/send", body: options });
	}

	/**
	 * Replaces the user's aliases (`POST /alias`); `[]` removes them all.
	 * @param options - `userId`, `aliases`, `hashing` (@default true)
	 * @throws {LatchkeyError} `invalid_request`, `alias_conflict` (409)
	 * @example
	 * await latchkey.setAliases({ userId: "42", aliases: ["ada@example.com"], hashing: false });
	 */
	async setAliases(options: SetAliasesOptions): Promise<void> {
		await this.#send({ method: "POST", path: "/alias", body: options });
	}

	/**
	 * Lists the user's aliases (`GET /alias/list`).
	 * @param userId - your user id (URL-encoded for you)
	 * @returns the aliases; `plaintext` is `null` for hashed ones
	 * @throws {LatchkeyError} `missing_userid` for an empty userId
	 * @example
	 * const aliases = await latchkey.listAliases("42");
	 */
	async listAliases(userId: string): Promise<AliasPointer[]> {
		return (await this.#values({ method: "GET", path: "/alias/list", query: { userId } })) as unknown as AliasPointer[];
	}

	/**
	 * Lists the user's passkeys (`GET /credentials/list`).
	 * @param userId - your user id (URL-encoded for you)
	 * @returns the credentials, `createdAt`/`lastUsedAt` as `Date`s
	 * @throws {LatchkeyError} `missing_userid` for an empty userId
	 * @example
	 * const passkeys = await latchkey.listCredentials("42");
	 */
	async listCredentials(userId: string): Promise<Credential[]> {
		return (await this.#values({ method: "GET", path: "/credentials/list", query: { userId } })).map(parseCredential);
	}

	/**
	 * Reads one passkey by its id (`GET /credentials/get`, a Latchkey extension).
	 * @param credentialId - the credential id in base64url (`credential.descriptor.id`) or standard base64
	 * @throws {LatchkeyError} `credential_not_found` (404) when the app has no such passkey
	 * @example
	 * const passkey = await latchkey.getCredential(verified.credentialId);
	 */
	async getCredential(credentialId: string): Promise<Credential> {
		const { body } = await this.#send({ method: "GET", path: "/credentials/get", query: { credentialId } });
		return parseCredential(expectRecord(body, "The /credentials/get answer"));
	}

	/**
	 * Renames a passkey (`POST /credentials/update`, a Latchkey extension): sets its nickname, or clears it with `null`
	 * (or a blank string). The nickname is what `/signin/verify` and `listCredentials` report.
	 * @param credentialId - the credential id in base64url or standard base64
	 * @param changes - `nickname`: at most 64 characters, or null
	 * @throws {LatchkeyError} `credential_not_found` (404), `invalid_argument` for a nickname over 64 characters
	 * @example
	 * await latchkey.updateCredential(passkey.descriptor.id, { nickname: "Work laptop" });
	 */
	async updateCredential(credentialId: string, changes: { nickname: string | null }): Promise<void> {
		await this.#send({ method: "POST", path: "/credentials/update", body: { credentialId, nickname: changes.nickname } });
	}

	/**
	 * The arguments of the browser's `PublicKeyCredential.signalAllAcceptedCredentials` for a user
	 * (`GET /signals/accepted-credentials`, a Latchkey extension): the RP ID, the user handle and the ids of every
	 * passkey Latchkey still accepts. Hand them to the page after deleting a passkey or after a sign-in, so the
	 * user's passkey provider hides passkeys deleted here (`signalAllAcceptedCredentials` of `@latchkey/client/signals`).
	 * @param userId - your user id
	 * @param options - `rpId`: the RP ID whose passkeys to list; @default the app's RP ID
	 * @throws {LatchkeyError} `missing_userid` for a blank userId
	 * @example
	 * app.get("/api/passkey-signals/accepted", async (req, res) => res.json(await latchkey.getAcceptedCredentialsSignal(req.user.id)));
	 */
	async getAcceptedCredentialsSignal(userId: string, options: { rpId?: string } = {}): Promise<AcceptedCredentialsSignal> {
		const query: Record<string, string> = { userId };
		if (options.rpId) query.rpId = options.rpId;
		const { body } = await this.#send({ method: "GET", path: "/signals/accepted-credentials", query });
		const record = expectRecord(body, "The /signals/accepted-credentials answer");
		const ids = record.allAcceptedCredentialIds;
		if (
			typeof record.rpId !== "string" ||
			typeof record.userId !== "string" ||
			!Array.isArray(ids) ||
			ids.some((id) => typeof id !== "string")
		) {
			throw invalidResponse("The /signals/accepted-credentials answer lacks rpId, userId or allAcceptedCredentialIds.");
		}
		return { rpId: record.rpId, userId: record.userId, allAcceptedCredentialIds: ids as string[] };
	}

	/**
	 * The arguments of the browser's `PublicKeyCredential.signalCurrentUserDetails` (`GET /signals/user-details`, a
	 * Latchkey extension): your user's current names with the RP ID and the user handle their passkeys carry. Hand them
	 * to the page after the user renames their account (`signalCurrentUserDetails` of `@latchkey/client/signals`).
	 * Latchkey keeps no user names, so you send the current ones.
	 * @param userId - your user id
	 * @param details - `name` (the account name, as `username` in register tokens), `displayName` (@default name),
	 *   `rpId` (@default the app's RP ID)
	 * @throws {LatchkeyError} `missing_userid` for a blank userId
	 * @example
	 * const signal = await latchkey.getUserDetailsSignal(user.id, { name: user.email, displayName: user.fullName });
	 */
	async getUserDetailsSignal(userId: string, details: { name: string; displayName?: string; rpId?: string }): Promise<UserDetailsSignal> {
		const query: Record<string, string> = { userId, name: details.name };
		if (details.displayName) query.displayName = details.displayName;
		if (details.rpId) query.rpId = details.rpId;
		const { body } = await this.#send({ method: "GET", path: "/signals/user-details", query });
		const record = expectRecord(body, "The /signals/user-details answer");
		const { rpId, userId: handle, name, displayName } = record;
		if (typeof rpId !== "string" || typeof handle !== "string" || typeof name !== "string" || typeof displayName !== "string") {
			throw invalidResponse("The /signals/user-details answer lacks rpId, userId, name or displayName.");
		}
		return { rpId, userId: handle, name, displayName };
	}

	/**
	 * Deletes one passkey (`POST /credentials/delete`).
	 * @param credentialId - the credential id in base64url (`credential.descriptor.id`)
	 * @throws {LatchkeyError} `credential_not_found` (404) when the app has no such passkey
	 * @example
	 * await latchkey.deleteCredential(passkeys[0].descriptor.id);
	 */
	async deleteCredential(credentialId: string): Promise<void> {
		await this.#send({ method: "POST", path: "/credentials/delete", body: { credentialId } });
	}

	/**
	 * Lists the app's users (`GET /users/list`).
	 * @returns one summary per user: alias and passkey counts, plain-text aliases, last use
	 * @throws {LatchkeyError} on server or network failure
	 * @example
	 * const users = await latchkey.listUsers();
	 */
	async listUsers(): Promise<UserSummary[]> {
		return (await this.#values({ method: "GET", path: "/users/list" })).map(parseUserSummary);
	}

	/**
	 * Counts the users that own at least one passkey (`GET /users/count`).
	 * @returns the count
	 * @throws {LatchkeyError} `invalid_response` when the answer has no numeric `count`
	 * @example
	 * const total = await latchkey.countUsers();
	 */
	async countUsers(): Promise<number> {
		const body = expectRecord((await this.#send({ method: "GET", path: "/users/count" })).body, "The /users/count answer");
		if (typeof body.count !== "number") throw invalidResponse("The /users/count answer has no numeric count.");
		return body.count;
	}

	/**
	 * Deletes the user's passkeys and aliases (`POST /users/delete`).
	 * @param userId - your user id
	 * @throws {LatchkeyError} `missing_userid` for an empty userId (an unknown user is not an error)
	 * @example
	 * await latchkey.deleteUser("42");
	 */
	async deleteUser(userId: string): Promise<void> {
		await this.#send({ method: "POST", path: "/users/delete", body: { userId } });
	}

	/**
	 * Reads one page of the app's event log (`GET /events`).
	 * @param options - `pageNumber` (@default 1), `numberOfResults` (@default the server's, 100)
	 * @returns the events (`performedAt` as `Date`) and the total count
	 * @throws {LatchkeyError} `invalid_request` for out-of-range paging
	 * @example
	 * const { events, totalEventCount } = await latchkey.listEvents({ numberOfResults: 20 });
	 */
	async listEvents(options: ListEventsOptions = {}): Promise<EventLog> {
		const query = { pageNumber: options.pageNumber ?? 1, numberOfResults: options.numberOfResults };
		return parseEventLog((await this.#send({ method: "GET", path: "/events", query })).body);
	}

	/**
	 * Lists the sign-in purposes and their settings (`GET /auth-configs/list`); `sign-in` and `step-up` always exist.
	 * @param purpose - only this purpose (an unknown one gives `[]`)
	 * @returns the configurations, `timeToLive` in seconds and `hints` as WebAuthn hints
	 * @throws {LatchkeyError} on server or network failure
	 * @example
	 * const [signIn] = await latchkey.listAuthConfigs("sign-in");
	 */
	async listAuthConfigs(purpose?: string): Promise<AuthConfig[]> {
		const { body } = await this.#send({ method: "GET", path: "/auth-configs/list", query: { purpose } });
		return expectArray(expectRecord(body, "The /auth-configs/list answer").configurations, "configurations").map(parseAuthConfig);
	}

	/**
	 * Adds a sign-in purpose (`POST /auth-configs/add`, answered 201).
	 * @param options - `purpose`, `performedBy`, optional `userVerificationRequirement`, `timeToLive` (seconds), `hints`
	 * @throws {LatchkeyError} `auth_config_already_exists`, `invalid_argument` (timeToLive, hints, user verification), `invalid_request`
	 * @throws {RangeError} for a fractional or negative `timeToLive`, before anything is sent
	 * @example
	 * await latchkey.addAuthConfig({ purpose: "delete-account", userVerificationRequirement: "required", timeToLive: 60, performedBy: "ops" });
	 */
	async addAuthConfig(options: AuthConfigOptions): Promise<void> {
		await this.#send({ method: "POST", path: "/auth-configs/add", body: authConfigBody(options) });
	}

	/**
	 * Changes a sign-in purpose's settings (`POST /auth-configs`, answered 204).
	 * @param options - as for {@link Latchkey.addAuthConfig}
	 * @throws {LatchkeyError} `auth_config_not_found` (404), `invalid_argument`, `invalid_request`
	 * @throws {RangeError} for a fractional or negative `timeToLive`, before anything is sent
	 * @example
	 * await latchkey.updateAuthConfig({ purpose: "step-up", timeToLive: 300, performedBy: "ops" });
	 */
	async updateAuthConfig(options: AuthConfigOptions): Promise<void> {
		await this.#send({ method: "POST", path: "/auth-configs", body: authConfigBody(options) });
	}

	/**
	 * Removes a sign-in purpose (`POST /auth-configs/delete`); the `sign-in` and `step-up` presets cannot be removed.
	 * @param options - `purpose` and `performedBy`
	 * @throws {LatchkeyError} `auth_config_not_found` (404), `auth_config_protected` (400) for `sign-in`/`step-up`
	 * @example
	 * await latchkey.deleteAuthConfig({ purpose: "delete-account", performedBy: "ops" });
	 */
	async deleteAuthConfig(options: DeleteAuthConfigOptions): Promise<void> {
		await this.#send({ method: "POST", path: "/auth-configs/delete", body: options });
	}

	/**
	 * Switches app features (`POST /apps/features`); members left out keep their value.
	 * @param features - `eventLoggingRetentionPeriod` (days), `enableManuallyGeneratedAuthenticationTokens`, `enableMagicLinks`
	 * @throws {LatchkeyError} `invalid_request` for a value out of range
	 * @example
	 * await latchkey.setAppFeatures({ enableManuallyGeneratedAuthenticationTokens: false });
	 */
	async setAppFeatures(features: AppFeatures): Promise<void> {
		await this.#send({ method: "POST", path: "/apps/features", body: features });
	}

	#send(request: ApiRequest): ReturnType<typeof sendRequest> {
		return sendRequest(this.#config, request);
	}

	async #token(request: ApiRequest): Promise<TokenResponse> {
		const body = expectRecord((await this.#send(request)).body, `The ${request.path} answer`);
		if (typeof body.token !== "string" || body.token === "") throw invalidResponse(`The ${request.path} answer has no token.`);
		return { token: body.token };
	}

	async #values(request: ApiRequest): Promise<Record<string, unknown>[]> {
		const body = expectRecord((await this.#send(request)).body, `The ${request.path} answer`);
		return expectArray(body.values, "values");
	}
}

function authConfigBody(options: AuthConfigOptions): Record<string, unknown> {
	const { timeToLive, ...rest } = options;
	return { ...rest, timeToLive: timeToLive === undefined ? undefined : toTimeSpan(timeToLive) };
}
