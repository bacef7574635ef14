import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler, RouteOptions } from "fastify";
import type { Deps } from "../deps.ts";
import type { ApiKeyKind, ApiKeyScope } from "../store/store.ts";
import { checkRequestParty, type RequestParty } from "../webauthn/origin-policy.ts";
import { type Authenticated, authenticate } from "./authenticate.ts";

/** What a route declares in `config` to be guarded by a key (and, for ceremonies, by the party check). */
export interface RouteGuard {
	/** The key header the route takes: `ApiKey` (public) or `ApiSecret` (secret). No `key`: no check. */
	key?: ApiKeyKind;
	/** The scope the key needs; omitted or null: any scope (upstream's management routes). */
	scope?: ApiKeyScope | null;
	/** Checks the body's `RPID`/`Origin` against the app's settings and sets `request.party`. */
	party?: boolean;
	/** Counts the request against the public routes' rate limits though it carries no key (the Cognito endpoint). */
	publicRateLimit?: boolean;
}

declare module "fastify" {
	interface FastifyContextConfig extends RouteGuard {}
	interface FastifyRequest {
		/** The app and key that authenticated the request. Set only on routes declaring `config.key`. */
		tenant: Authenticated;
		/** The checked RP ID and origin. Set only on routes declaring `config.party`. */
		party: RequestParty;
	}
}

function header(request: FastifyRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

const OTHER_HEADER: Record<ApiKeyKind, string> = { public: "apisecret", secret: "apikey" };
const HEADER: Record<ApiKeyKind, string> = { public: "apikey", secret: "apisecret" };

/**
 * The key check as a `preHandler` hook, chosen by route `config` (see {@link RouteGuard}). It runs after body
 * validation and after the rate limits (an `onRequest` hook), as the handlers' own checks did, so a 400 still wins
 * over a 401, and a 429 over both. It sets `request.tenant` and, with `party`, `request.party`.
 * @param app - the root instance, before the routes are registered
 * @param deps - store (apps and keys) and clock (for the event log)
 * @throws invalid_api_key / invalid_api_secret (401), forbidden (403), missing_origin and the other party codes (400)
 */
export function addKeyChecks(app: FastifyInstance, deps: Pick<Deps, "store" | "clock">): void {
	app.decorateRequest("tenant", null as unknown as Authenticated);
	app.decorateRequest("party", null as unknown as RequestParty);
	app.addHook("onRoute", (route: RouteOptions) => {
		const guard = route.config as RouteGuard | undefined;
		const kind = guard?.key;
		if (!kind) return;
		const scope = guard.scope ?? null;
		const party = guard.party === true;
		const hook: preHandlerAsyncHookHandler = async (request) => {
			const value = header(request, HEADER[kind]);
			const otherPresent = header(request, OTHER_HEADER[kind]) !== undefined;
			request.tenant = await authenticate({ value, otherPresent, kind, scope }, deps);
			if (party) request.party = checkRequestParty(request.body as object, request.tenant.app.settings);
		};
		const existing = route.preHandler;
		route.preHandler = existing ? [hook, ...(Array.isArray(existing) ? existing : [existing])] : [hook];
	});
}
