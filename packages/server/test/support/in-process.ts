import { SoftAuthenticator } from "@latchkey/testing";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pino from "pino";
import { buildApp } from "../../src/app.ts";
import { type CreatedApp, createApp } from "../../src/apps/create-app.ts";
import type { AuthenticatorNames } from "../../src/authenticators/authenticator-names.ts";
import { fixedClock } from "../../src/clock.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Deps } from "../../src/deps.ts";
import type { Mailer } from "../../src/mail/mailer.ts";
import { createMdsSource } from "../../src/mds/mds-catalog.ts";
import { seededRandom } from "../../src/random.ts";
import { createSignatureVerifier } from "../../src/signatures/signature-verifier.ts";
import { createMemoryStore } from "../../src/store/memory/memory-store.ts";
import type { Store } from "../../src/store/store.ts";

export const ORIGIN = "https://shop.example";

/** Environment that switches every rate limit off. */
export const NO_RATE_LIMITS = { LATCHKEY_RATE_LIMIT_PER_IP: "0", LATCHKEY_RATE_LIMIT_PER_APP: "0", LATCHKEY_RATE_LIMIT_PER_KEY: "0" };
export const RP_ID = "shop.example";

/** An in-process app on the memory store with a fixed clock and seeded randomness, plus one tenant. */
export interface Harness {
	app: FastifyInstance;
	deps: Deps;
	clock: ReturnType<typeof fixedClock>;
	keys: CreatedApp;
	config: Config;
	/** POST with the public key. */
	pub(path: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
	/** POST with the secret key. */
	sec(path: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
	/** GET with the secret key. */
	get(path: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
	/** Every route registered by the plugins, as "METHOD /path". */
	routes: string[];
}

/**
 * Builds a harness. The tenant "shop" has RP ID shop.example and no explicit origins (so https://*.shop.example).
 * @param options - a store to use instead of memory, settings for the tenant, config overrides
 */
export async function createHarness(
	options: {
		store?: Store;
		origins?: string[];
		reusableVerifyTokens?: boolean;
		env?: Record<string, string>;
		authenticatorNames?: AuthenticatorNames;
		mailer?: Mailer;
		/** Where the app logs (default: nowhere). */
		logger?: Deps["logger"];
	} = {},
): Promise<Harness> {
	const clock = fixedClock("2025-01-01T00:00:00Z");
	const store = options.store ?? createMemoryStore();
	const deps: Deps = {
		store,
		clock,
		random: seededRandom("harness"),
		logger: options.logger ?? pino({ level: "silent" }),
		signatures: createSignatureVerifier(),
		mds: createMdsSource(store, clock),
		...(options.authenticatorNames ? { authenticatorNames: options.authenticatorNames } : {}),
		...(options.mailer ? { mailer: options.mailer } : {}),
	};
	// Rate limits are off unless a test turns them on (tests send far more than 600 requests a minute from one address).
	const config = loadConfig({ ...NO_RATE_LIMITS, ...options.env });
	const keys = await createApp(
		{
			appId: "shop",
			rpId: RP_ID,
			allowedOrigins: options.origins ?? [],
			...(options.reusableVerifyTokens ? { reusableVerifyTokens: true } : {}),
		},
		deps,
	);
	const app = buildApp(deps, config);
	const routes: string[] = [];
	app.addHook("onRoute", (route) => {
		for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
	});
	await app.ready();
	const post =
		(header: string, key: string) =>
		(path: string, body: unknown, headers: Record<string, string> = {}) =>
			app.inject({
				method: "POST",
				url: path,
				headers: { "content-type": "application/json", [header]: key, ...headers },
				payload: typeof body === "string" ? body : JSON.stringify(body),
			});
	const get = (path: string, headers: Record<string, string> = {}) =>
		app.inject({ method: "GET", url: path, headers: { ApiSecret: keys.apiSecret, ...headers } });
	return { app, deps, clock, keys, config, pub: post("ApiKey", keys.apiKey), sec: post("ApiSecret", keys.apiSecret), get, routes };
}

/** What a registration through the harness produced. */
export interface Registered {
	credentialId: string;
	verifyToken: string;
}

/**
 * Runs /register/token → begin → complete with a software authenticator.
 * @param h - the harness
 * @param input - the user and the authenticator to use
 */
export async function registerUser(
	h: Harness,
	input: { userId: string; alias?: string; authenticator: SoftAuthenticator; tokenBody?: Record<string, unknown>; origin?: string },
): Promise<Registered> {
	const origin = input.origin ?? ORIGIN;
	const tokenRes = await h.sec("/register/token", {
		userId: input.userId,
		username: input.alias ?? input.userId,
		...(input.alias ? { aliases: [input.alias] } : {}),
		...input.tokenBody,
	});
	if (tokenRes.statusCode !== 200) throw new Error(`register/token ${tokenRes.statusCode}: ${tokenRes.body}`);
	const begin = await h.pub("/register/begin", { token: tokenRes.json().token, RPID: RP_ID, Origin: origin });
	if (begin.statusCode !== 200) throw new Error(`register/begin ${begin.statusCode}: ${begin.body}`);
	const response = input.authenticator.createCredential(begin.json().data, { origin });
	const complete = await h.pub("/register/complete", { session: begin.json().session, response, RPID: RP_ID, Origin: origin });
	if (complete.statusCode !== 200) throw new Error(`register/complete ${complete.statusCode}: ${complete.body}`);
	return { credentialId: response.id, verifyToken: complete.json().token };
}

/** Starts a sign-in and returns the options and session. */
export async function beginSignIn(
	h: Harness,
	body: Record<string, unknown> = {},
): Promise<{ data: { challenge: string; allowCredentials: { id: string }[]; rpId: string }; session: string }> {
	const res = await h.pub("/signin/begin", { RPID: RP_ID, Origin: ORIGIN, ...body });
	if (res.statusCode !== 200) throw new Error(`signin/begin ${res.statusCode}: ${res.body}`);
	return res.json();
}

export { SoftAuthenticator };
