import cluster from "node:cluster";
import { hash } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import { PasskeyError } from "@latchkey/protocol";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";

const MINUTE = 60_000;
const APP_PREFIX = /^([A-Za-z][A-Za-z0-9]{2,62}):/;

type Limit = "perIp" | "perApp" | "perKey";
type Check = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/** @fastify/rate-limit's store contract, backed by `Store.rateLimits` (shared by every node on PostgreSQL). */
function storeClass(deps: Pick<Deps, "store" | "clock">): new () => object {
	return class RateLimitStoreBridge {
		incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
			const now = deps.clock.now();
			deps.store.rateLimits.hit(key, timeWindow, now).then(
				(hit) => callback(null, { current: hit.count, ttl: hit.resetAt.getTime() - now.getTime() }),
				(error: Error) => callback(error),
			);
		}
		child(): this {
			return this;
		}
	};
}

/**
 * Rate limits with `@fastify/rate-limit`, counted in the store: on the public routes per client address and per
 * app, on the secret routes per key. Limits are per minute, from the config unless the app overrides them
 * (`POST /apps/features`); 0 turns a limit off. Exceeding one answers 429 `rate_limited` with `Retry-After`. With
 * `--workers N` on SQLite (counters per process) each worker enforces 1/N of every limit.
 * The client address is the socket's, or the one `LATCHKEY_TRUST_PROXY` proxies report.
 * @param app - the root instance (this registers `@fastify/rate-limit` on it)
 * @param context - deps and config
 */
export function addRateLimits(app: FastifyInstance, context: { deps: Deps; config: Config }): void {
	const { deps, config } = context;
	app.register(rateLimit, { global: false, store: storeClass(deps) as never });
	const defaults: Record<Limit, number> = { perIp: config.rateLimitPerIp, perApp: config.rateLimitPerApp, perKey: config.rateLimitPerKey };
	const appIdOf = (value: string | undefined): string | null => (value ? (APP_PREFIX.exec(value)?.[1] ?? null) : null);
	const header = (request: FastifyRequest, name: string): string | undefined => {
		const value = request.headers[name];
		return Array.isArray(value) ? value[0] : value;
	};
	/** The limits that apply to a request: the app's overrides, else the server's (looked up once per request). */
	const resolved = new WeakMap<FastifyRequest, Record<Limit, number>>();
	const limitsFor = async (request: FastifyRequest): Promise<Record<Limit, number>> => {
		const appId = appIdOf(header(request, "apikey") ?? header(request, "apisecret"));
		const overrides = appId ? (await deps.store.apps.findById(appId))?.settings.rateLimits : undefined;
		const limits = { ...defaults, ...overrides };
		resolved.set(request, limits);
		return limits;
	};
	// Counters kept per process (SQLite) with N workers: each worker allows 1/N, so together they never allow more
	// than the limit (a client on one keep-alive connection, which one worker serves, gets 1/N of it).
	const share = !deps.store.rateLimits.shared && cluster.isWorker ? config.workers : 1;
	const maxFor =
		(limit: Limit) =>
		async (request: FastifyRequest): Promise<number> =>
			Math.ceil((resolved.get(request)?.[limit] ?? defaults[limit]) / share);
	/** The app a keyless public request (the Cognito endpoint) names by its body's `ClientId`. */
	const clientApps = new WeakMap<FastifyRequest, string>();
	let checks: Record<Limit, Check> | null = null;
	const build = (): Record<Limit, Check> => {
		const make = (limit: Limit, keyGenerator: (request: FastifyRequest) => string): Check =>
			app.createRateLimit({ timeWindow: MINUTE, max: maxFor(limit), keyGenerator }) as Check;
		return {
			perIp: make("perIp", (request) => `ip:${request.ip}`),
			perApp: make("perApp", (request) => `app:${appIdOf(header(request, "apikey")) ?? clientApps.get(request)}`),
			perKey: make("perKey", (request) => `key:${hash("sha256", header(request, "apisecret") ?? "", "base64url").slice(0, 22)}`),
		};
	};
	const enforce = async (check: Check, request: FastifyRequest, reply: FastifyReply, what: string): Promise<void> => {
		const result = await check(request);
		if (result.isAllowed || !result.isExceeded) return;
		const seconds = Math.max(1, result.ttlInSeconds ?? 1);
		reply.header("retry-after", String(seconds));
		throw new PasskeyError("rate_limited", { detail: `Too many requests ${what}; try again in ${seconds} s.` });
	};

	app.addHook("onRequest", async (request, reply) => {
		if (request.method === "OPTIONS") return;
		const apiKey = header(request, "apikey");
		// A public route is one that declares `config.key: "public"` (auth/key-hooks.ts). The key itself is checked
		// later, in a preHandler, so a limit answers 429 before a bad key's 401.
		const { config: route } = request.routeOptions;
		const isPublic = apiKey !== undefined || route.key === "public" || route.publicRateLimit === true;
		if (!isPublic && header(request, "apisecret") === undefined) return;
		const limits = await limitsFor(request);
		checks ??= build();
		if (isPublic) {
			if (limits.perIp > 0) await enforce(checks.perIp, request, reply, "from this address");
			if (limits.perApp > 0 && appIdOf(apiKey)) await enforce(checks.perApp, request, reply, "for this application");
		} else if (limits.perKey > 0) {
			await enforce(checks.perKey, request, reply, "with this key");
		}
	});

	// A keyless public route names its app in the body (the Cognito endpoint's ClientId): its per-app limit is
	// counted once the body is parsed.
	app.addHook("preHandler", async (request, reply) => {
		if (request.routeOptions.config.publicRateLimit !== true) return;
		const clientId = (request.body as { ClientId?: unknown } | null)?.ClientId;
		const pool = typeof clientId === "string" && clientId.length <= 128 ? await deps.store.pools.findByClientId(clientId) : null;
		if (!pool) return;
		const overrides = (await deps.store.apps.findById(pool.appId))?.settings.rateLimits;
		const limits = { ...defaults, ...overrides };
		resolved.set(request, limits);
		clientApps.set(request, pool.appId);
		checks ??= build();
		if (limits.perApp > 0) await enforce(checks.perApp, request, reply, "for this application");
	});
}
