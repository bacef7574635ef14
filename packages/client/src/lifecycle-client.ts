import type { TokenResponse } from "@latchkey/protocol";
import { type Call, Client, type Loose } from "./client.ts";
import { clientProblem } from "./client-problem.ts";
import type { CredentialJSON } from "./credential-to-json.ts";
import { decodePrfInputs } from "./decode-prf-inputs.ts";
import { type Capabilities, getCapabilities } from "./get-capabilities.ts";
import { type CreationOptionsJSON, normalizeOptions } from "./normalize-options.ts";
import type { PrfOutputs } from "./prf-outputs.ts";
import type { ProblemDetails } from "./problem-details.ts";
import type { PromiseResult } from "./result.ts";
import { signalUnknownCredential } from "./signal-unknown-credential.ts";
import type { SigninMethod } from "./signin-method.ts";
import { splitPrfOutputs } from "./split-prf-outputs.ts";

/** The second argument of {@link LifecycleClient.register}. */
export interface RegisterOptions {
	/** a name for the passkey, shown in credential lists (≤ 64 characters) */
	nickname?: string;
	/**
	 * `"conditional"`: automatic passkey upgrade. The browser creates the passkey without a dialog when its password
	 * manager just signed the user in; otherwise the result is an error (`conditional_create_unsupported`,
	 * `user_cancelled`) and nothing was shown. @default undefined (a normal, modal registration)
	 */
	mediation?: "conditional";
}

/** A ceremony's result in {@link LifecycleClient}: the verify token and, when the token asked for it, the PRF outputs. */
export interface LifecycleTokenResponse extends TokenResponse {
	/** the `prf` extension's outputs, for the page only (never posted to the server) */
	prf?: PrfOutputs;
}

/**
 * `Client` plus the rest of a passkey's lifecycle: `capabilities()`, automatic passkey upgrade
 * (`register(token, { mediation: "conditional" })`), the `prf` extension's results on `{ token, prf }`, and the
 * `signalUnknownCredential` signal sent on its own when the server answers a sign-in with `unknown_credential`.
 * A separate entry point (`@latchkey/client/lifecycle`) so that `@latchkey/client` stays under 2 kB gzipped.
 *
 * PRF: when a register or sign-in token asks for `prf` (`extensions.prf.eval` in `POST /register/token` or
 * `POST /signin/token`), the evaluation inputs are decoded for the browser, and its results are returned as `prf`
 * and removed from what is posted to the server, which only learns `prf: { enabled: true }`.
 *
 * @param config - as `Client`'s
 * @example
 * import { LifecycleClient } from "@latchkey/client/lifecycle";
 * const client = new LifecycleClient({ apiUrl: "https://passkeys.example.com", apiKey: "myapp:public:4364b1a49a404b38b843fe3697b803c8" });
 * // right after a password sign-in:
 * if ((await client.capabilities()).conditionalCreate) client.register(await fetchRegisterToken(), { mediation: "conditional" });
 */
export class LifecycleClient extends Client {
	/**
	 * Creates a passkey for the user the register token names, like `Client.register`, and optionally without a
	 * dialog (`mediation: "conditional"`).
	 * @param token - the `register_…` token
	 * @param options - `{ nickname, mediation }`, or the nickname alone as in `Client`
	 * @returns `{ token, prf? }` or `{ error }`; `conditional_create_unsupported` when conditional creation was asked
	 *   for and this browser cannot do it (checked with `getClientCapabilities()` first, so nothing is shown)
	 * @example
	 * const { token, error } = await client.register(registerToken, { mediation: "conditional", nickname: "This phone" });
	 */
	override register(token: string, options: string | RegisterOptions = {}): PromiseResult<LifecycleTokenResponse> {
		const { nickname, mediation } = typeof options === "string" ? { nickname: options } : options;
		const create: Call = (data, signal) => {
			const json = { ...data, extensions: { credProps: true, ...(data.extensions as Loose) } } as unknown as CreationOptionsJSON;
			return navigator.credentials.create({ publicKey: normalizeOptions(json), signal, mediation } as CredentialCreationOptions);
		};
		if (!mediation) return this.run("/register", { token }, { nickname }, create);
		return this.conditionalRegister(token, nickname, create);
	}

	/**
	 * Signs in by any method, like `Client.signin`; with a sign-in token that asked for PRF, the result has `prf`.
	 * @param method - how to find the passkey
	 * @param purpose - written into the verify token
	 * @returns `{ token, prf? }` or `{ error }`
	 * @example
	 * const { token, prf } = await client.signin({ token: signinToken });
	 */
	override signin(method: SigninMethod, purpose?: string): PromiseResult<LifecycleTokenResponse> {
		return super.signin(method, purpose);
	}

	/**
	 * Signs in the user of a backend's sign-in token, like `Client.signinWithToken`; `prf` when the token asked for it.
	 * @param token - the `signin_…` token
	 * @returns `{ token, prf? }` or `{ error }`
	 * @example
	 * const { token, prf } = await client.signinWithToken(signinToken);
	 */
	override signinWithToken(token: string): PromiseResult<LifecycleTokenResponse> {
		return super.signinWithToken(token);
	}

	/**
	 * Same as {@link getCapabilities}: `getClientCapabilities()` with the `is*Supported` checks as the fallback.
	 * @example
	 * const { conditionalCreate, prf } = await client.capabilities();
	 */
	capabilities(): Promise<Capabilities> {
		return getCapabilities();
	}

	/** Conditional creation, refused before the server is asked when the browser says it cannot do it. */
	private async conditionalRegister(token: string, nickname: string | undefined, create: Call): PromiseResult<LifecycleTokenResponse> {
		if (!(await getCapabilities()).conditionalCreate) {
			this.abort();
			return { error: clientProblem("conditional_create_unsupported") };
		}
		return this.run("/register", { token }, { nickname }, async (data, signal) => {
			try {
				return await create(data, signal);
			} catch (error) {
				const name = (error as { name?: string } | null)?.name;
				// a browser that does not know `mediation: "conditional"` for create() refuses the member itself
				if (name === "NotSupportedError" || name === "TypeError") throw clientProblem("conditional_create_unsupported", error);
				throw error;
			}
		});
	}

	/** Decodes PRF inputs of begin responses; keeps PRF results away from complete; signals an unknown passkey. */
	protected override async post(path: string, body: Loose, signal: AbortSignal): Promise<Loose> {
		const credential = body.response as CredentialJSON | undefined;
		if (!credential) {
			const json = await super.post(path, body, signal);
			return { ...json, data: decodePrfInputs(json.data) };
		}
		const { response, prf } = splitPrfOutputs(credential);
		try {
			const json = await super.post(path, { ...body, response }, signal);
			return prf ? { ...json, prf } : json;
		} catch (error) {
			if ((error as ProblemDetails).errorCode === "unknown_credential") {
				await signalUnknownCredential({ rpId: this.config.rpid, credentialId: credential.id }).catch(() => false);
			}
			throw error;
		}
	}
}
