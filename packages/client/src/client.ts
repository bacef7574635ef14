import type { TokenResponse } from "@latchkey/protocol";
import { clientProblem } from "./client-problem.ts";
import type { Config } from "./config.ts";
import { credentialToJSON } from "./credential-to-json.ts";
import { isAutofillSupported } from "./is-autofill-supported.ts";
import { isBrowserSupported } from "./is-browser-supported.ts";
import { isPlatformSupported } from "./is-platform-supported.ts";
import { mapBrowserError } from "./map-browser-error.ts";
import { type CreationOptionsJSON, normalizeOptions, type RequestOptionsJSON } from "./normalize-options.ts";
import type { ProblemDetails } from "./problem-details.ts";
import type { PromiseResult } from "./result.ts";
import type { SigninMethod, StepupRequest } from "./signin-method.ts";

/** A JSON object as the API sends and takes it. */
export type Loose = Record<string, unknown>;
/** What a ceremony asks of the browser, given the begin response's `data`. */
export type Call = (data: Loose, signal: AbortSignal) => Promise<Credential | null>;

/**
 * The browser client: a drop-in for `@passwordlessdev/passwordless-client`'s `Client` (same constructor, methods and
 * `{ token } | { error }` results) for Latchkey or any Passwordless.dev-compatible server.
 *
 * One ceremony at a time: each call aborts the pending one of the same instance (an autofill request waiting in the
 * background ends with `ceremony_aborted` instead of blocking the button's request). Methods never reject.
 *
 * @param config - `apiKey` (public key), `apiUrl` (trailing slash allowed), optional `origin`/`rpid` overrides
 * @example
 * import { Client } from "@latchkey/client";
 * const client = new Client({ apiUrl: "https://passkeys.example.com/", apiKey: "myapp:public:4364b1a49a404b38b843fe3697b803c8" });
 * const result = await client.signinWithDiscoverable();
 * if (!result.error) await fetch("/session", { method: "POST", body: JSON.stringify({ token: result.token }) });
 * else if (result.error.errorCode !== "ceremony_aborted") alert(result.error.title);
 */
export class Client {
	// `declare`: no class-field initialisers, which es2020 output would turn into a helper (bytes)
	declare protected readonly config: Required<Config>;
	declare private controller: AbortController | undefined;

	constructor(config: Config) {
		const { apiKey, apiUrl = "https://v4.passwordless.dev", origin = location.origin, rpid = location.hostname } = config;
		this.config = { apiKey, apiUrl: apiUrl.replace(/\/+$/, ""), origin, rpid };
	}

	/**
	 * Creates a passkey for the user the register token names.
	 * Uses `PublicKeyCredential.parseCreationOptionsFromJSON` and `toJSON` where the browser has them; asks for
	 * `credProps` and sends transports, `authenticatorAttachment` and the extension results.
	 * @param token - the `register_…` token your backend got from `POST /register/token`
	 * @param nickname - a name for the passkey, shown in credential lists (≤ 64 characters)
	 * @returns `{ token }` (a `verify_…` token of type `passkey_register`) or `{ error }`; `authenticator_already_registered`
	 *   when this authenticator already has a passkey of the user
	 * @example
	 * const { token, error } = await client.register(await (await fetch("/register-token")).text(), "Work laptop");
	 */
	register(token: string, nickname?: string): PromiseResult<TokenResponse> {
		return this.run("/register", { token }, { nickname }, (data, signal) => {
			const json = { ...data, extensions: { credProps: true, ...(data.extensions as Loose) } } as unknown as CreationOptionsJSON;
			let publicKey: PublicKeyCredentialCreationOptions;
			try {
				publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(json as unknown as PublicKeyCredentialCreationOptionsJSON);
			} catch {
				publicKey = normalizeOptions(json);
			}
			return navigator.credentials.create({ publicKey, signal });
		});
	}

	/**
	 * Signs in the user your backend chose: it got a `signin_…` token from `POST /signin/token` (a Latchkey extension;
	 * `@latchkey/node`'s `createSigninToken`). Only that user's passkeys are offered, and only theirs can complete it.
	 * @param token - the `signin_…` token, single-use
	 * @returns `{ token }` (a `verify_…` token of type `passkey_signin` with the sign-in token's purpose) or `{ error }`;
	 *   `no_passkeys` when the user has none, `credential_not_allowed` for another user's passkey
	 * @example
	 * const { token } = await client.signinWithToken(await (await fetch("/api/signin-token", { method: "POST" })).text());
	 */
	signinWithToken(token: string): PromiseResult<TokenResponse> {
		return this.signin({ token });
	}

	/**
	 * Signs in the user with this id, offering only their passkeys.
	 * @param userId - your user id
	 * @returns `{ token }` (a `verify_…` token) or `{ error }`
	 * @example
	 * const { token } = await client.signinWithId("42");
	 */
	signinWithId(userId: string): PromiseResult<TokenResponse> {
		return this.signin({ userId });
	}

	/**
	 * Signs in the user owning this alias (e.g. an e-mail). An unknown alias is not an error: the sign-in becomes
	 * discoverable (the server does not reveal which aliases exist).
	 * @param alias - the alias given at registration
	 * @returns `{ token }` or `{ error }`
	 * @example
	 * const { token } = await client.signinWithAlias("ada@example.com");
	 */
	signinWithAlias(alias: string): PromiseResult<TokenResponse> {
		return this.signin({ alias });
	}

	/**
	 * Signs in with any passkey of this site, chosen by the user in the browser's dialog.
	 * @returns `{ token }` or `{ error }`; `no_passkey_for_site` when the browser refuses at once for lack of one
	 * @example
	 * button.onclick = async () => finish(await client.signinWithDiscoverable());
	 */
	signinWithDiscoverable(): PromiseResult<TokenResponse> {
		return this.signin({ discoverable: true });
	}

	/**
	 * Offers the site's passkeys in the autofill of an `<input autocomplete="username webauthn">` and waits in the
	 * background until the user picks one. Start it on page load; any other call (or `abort()`) ends it with
	 * `ceremony_aborted`.
	 * @returns `{ token }` or `{ error }`; `unsupported_browser` without conditional mediation
	 * @example
	 * client.signinWithAutofill().then((result) => (result.error ? show(result.error) : finish(result.token)));
	 */
	signinWithAutofill(): PromiseResult<TokenResponse> {
		return this.signin({ autofill: true });
	}

	/**
	 * Signs in again for a sensitive action; the server writes `purpose` into the verify token.
	 * @param request - the sign-in method and the purpose (@default "step-up")
	 * @returns `{ token }` or `{ error }`
	 * @example
	 * const { token } = await client.stepup({ signinMethod: { userId: "42" }, purpose: "change-email" });
	 */
	stepup(request: StepupRequest): PromiseResult<TokenResponse> {
		return this.signin(request.signinMethod, request.purpose ?? "step-up");
	}

	/**
	 * Signs in by any method: `{ token }` (a backend's sign-in token), `{ userId }`, `{ alias }`, `{ autofill: true }`
	 * or `{ discoverable: true }` — the same as the `signinWith…` methods.
	 * @param method - how to find the passkey
	 * @param purpose - written into the verify token (not with a token: the token carries its purpose)
	 * @returns `{ token }` or `{ error }`
	 * @example
	 * const { token, error } = await client.signin({ token: signinToken });
	 */
	signin(method: SigninMethod, purpose?: string): PromiseResult<TokenResponse> {
		const { token, userId, alias, autofill } = (method ?? {}) as { token?: string; userId?: string; alias?: string; autofill?: boolean };
		return this.run(
			"/signin",
			token ? { token } : { userId, alias, purpose },
			{},
			(data, signal) =>
				navigator.credentials.get({
					publicKey: normalizeOptions(data as RequestOptionsJSON),
					mediation: autofill ? "conditional" : undefined,
					signal,
				} as CredentialRequestOptions),
			autofill,
		);
	}

	/**
	 * Ends the pending ceremony, if any; it resolves with `{ error: { errorCode: "ceremony_aborted" } }`.
	 * @example
	 * dialog.onclose = () => client.abort();
	 */
	abort(): void {
		this.controller?.abort();
	}

	/**
	 * Same as {@link isBrowserSupported}.
	 * @example
	 * client.isBrowserSupported();
	 */
	isBrowserSupported(): boolean {
		return isBrowserSupported();
	}

	/**
	 * Same as {@link isPlatformSupported}.
	 * @example
	 * await client.isPlatformSupported();
	 */
	isPlatformSupported(): Promise<boolean> {
		return isPlatformSupported();
	}

	/**
	 * Same as {@link isAutofillSupported}.
	 * @example
	 * await client.isAutofillSupported();
	 */
	isAutofillSupported(): Promise<boolean> {
		return isAutofillSupported();
	}

	/** The one ceremony runner: abort the previous one, begin, ask the browser, complete; every failure as data. */
	protected async run(path: string, begin: Loose, complete: Loose, call: Call, autofill?: boolean): PromiseResult<TokenResponse> {
		this.abort();
		const controller = new AbortController();
		this.controller = controller;
		const { signal } = controller;
		let data: Loose | undefined;
		let started = 0;
		try {
			if (!isBrowserSupported() || (autofill && !(await isAutofillSupported()))) throw clientProblem("unsupported_browser");
			const options = await this.post(`${path}/begin`, begin, signal);
			data = options.data as Loose;
			started = performance.now();
			const credential = await call(data, signal);
			if (!credential) throw clientProblem("failed_create_credential");
			const response = credentialToJSON(credential as PublicKeyCredential);
			return (await this.post(`${path}/complete`, { ...complete, session: options.session, response }, signal)) as unknown as TokenResponse;
		} catch (error) {
			const problem = error as ProblemDetails | null;
			return {
				error: signal.aborted
					? clientProblem("ceremony_aborted", signal.reason)
					: problem?.from
						? problem
						: mapBrowserError(error, {
								discoverable: path === "/signin" && !(data?.allowCredentials as unknown[] | undefined)?.length,
								elapsedMs: performance.now() - started,
							}),
			};
		}
	}

	protected async post(path: string, body: Loose, signal: AbortSignal): Promise<Loose> {
		const { apiUrl, apiKey, rpid, origin } = this.config;
		const response = await fetch(apiUrl + path, {
			method: "POST",
			headers: { ApiKey: apiKey, "Content-Type": "application/json" },
			body: JSON.stringify({ ...body, RPID: rpid, Origin: origin }),
			signal,
		}).catch((error: unknown) => {
			throw clientProblem("network_error", error);
		});
		const json = (await response.json().catch(() => ({}))) as Loose;
		if (!response.ok) throw { errorCode: "unknown", title: response.statusText, status: response.status, ...json, from: "server" };
		return json;
	}
}
