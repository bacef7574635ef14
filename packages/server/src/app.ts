import cors from "@fastify/cors";
import swagger from "@fastify/swagger";
import { PasskeyError } from "@latchkey/protocol";
import Fastify, { type FastifyInstance, LogController, type RouteOptions } from "fastify";
import { addKeyChecks } from "./auth/key-hooks.ts";
import type { Config } from "./config.ts";
import type { Deps } from "./deps.ts";
import { problemErrorHandler, sendProblem } from "./errors/error-handler.ts";
import { createKeyCanonicalizer } from "./http/canonicalize-keys.ts";
import { addRateLimits } from "./http/rate-limits.ts";
import { aliasRoutes } from "./routes/aliases.ts";
import { appRoutes } from "./routes/apps.ts";
import { authConfigRoutes } from "./routes/auth-configs.ts";
import { authenticationRoutes } from "./routes/authentication.ts";
import { authenticatorRoutes } from "./routes/authenticators.ts";
import { cognitoRoutes } from "./routes/cognito.ts";
import { credentialRoutes } from "./routes/credentials.ts";
import { docsRoutes } from "./routes/docs.ts";
import { eventRoutes } from "./routes/events.ts";
import { healthRoutes } from "./routes/health.ts";
import { magicLinkRoutes } from "./routes/magic-links.ts";
import { mdsRoutes } from "./routes/mds.ts";
import { openApiTransform } from "./routes/openapi-transform.ts";
import { playgroundRoutes } from "./routes/playground.ts";
import { registrationRoutes } from "./routes/registration.ts";
import { signalRoutes } from "./routes/signals.ts";
import { signinTokenRoutes } from "./routes/signin-tokens.ts";
import { userRoutes } from "./routes/users.ts";
import { VERSION } from "./version.ts";

/** Renames body and query keys to the schema's spelling before validation (upstream binds case-insensitively). */
function canonicalizeOnRoute(route: RouteOptions): void {
	const schema = route.schema as { body?: object; querystring?: object } | undefined;
	if (!schema?.body && !schema?.querystring) return;
	const body = createKeyCanonicalizer(schema.body);
	const query = createKeyCanonicalizer(schema.querystring);
	// A callback hook, not an async one: it runs on every request and needs no promise.
	const hook = (request: { body: unknown; query: unknown }, _reply: unknown, done: () => void): void => {
		if (schema.body) request.body = body(request.body);
		if (schema.querystring) request.query = query(request.query);
		done();
	};
	const existing = route.preValidation;
	route.preValidation = existing ? [hook, ...(Array.isArray(existing) ? existing : [existing])] : [hook];
}

/**
 * `LATCHKEY_TRUST_PROXY` as Fastify's `trustProxy`: "" → false, "true" → true, a number → hops, else addresses.
 * (Returned as the union Fastify accepts; the call site narrows the type only to pick Fastify's HTTP/1 overload.)
 */
function trustProxyOption(value: string): boolean | number | string[] {
	if (value === "" || value === "false") return false;
	if (value === "true") return true;
	if (/^\d+$/.test(value)) return Number(value);
	return value
		.split(",")
		.map((part) => part.trim())
		.filter(Boolean);
}

/** Optional parts of the app. */
export interface BuildOptions {
	/** The dev app's public key, served to the playground page (only used when `config.dev`). */
	playgroundApiKey?: string;
}

/**
 * Builds the Latchkey HTTP app from its dependencies (nothing here reads the environment, the clock or the CSPRNG).
 * @param deps - store, clock, randomness, logger and the signature verifier (the app uses them; it does not close them)
 * @param config - validated configuration
 * @param options - see {@link BuildOptions}
 * @example const app = buildApp({ store, clock, random, logger, signatures }, loadConfig(process.env)); await app.listen({ port: 4000 });
 */
export function buildApp(deps: Deps, config: Readonly<Config>, options: BuildOptions = {}): FastifyInstance {
	const app = Fastify({
		trustProxy: trustProxyOption(config.trustProxy) as boolean,
		loggerInstance: deps.logger,
		bodyLimit: config.bodyLimitBytes,
		routerOptions: { ignoreDuplicateSlashes: true, ignoreTrailingSlash: true, maxParamLength: 200 },
		requestIdHeader: false,
		genReqId: () => `req_${Buffer.from(deps.random.bytes(8)).toString("hex")}`,
		logController: new LogController({ disableRequestLogging: true }),
		ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
		onProtoPoisoning: "error",
		onConstructorPoisoning: "error",
	});
	app.setErrorHandler(problemErrorHandler);
	app.removeContentTypeParser("text/plain"); // JSON only, as upstream: anything else is a 415
	app.setNotFoundHandler((request, reply) => {
		sendProblem(
			reply,
			new PasskeyError("not_found", { detail: `${request.method} ${request.url.split("?")[0]?.slice(0, 200)} is not a route.` }),
			request.id,
		);
	});
	app.addHook("onRoute", canonicalizeOnRoute);
	// Access log at debug level: route pattern, status and time; never bodies, headers or query strings. (The level is
	// set at start-up, so at info and above the hook is not there at all.)
	if (deps.logger.level === "debug" || deps.logger.level === "trace") {
		app.addHook("onResponse", (request, reply, done) => {
			const route = request.routeOptions.url ?? "(no route)";
			request.log.debug({ method: request.method, route, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, "request");
			done();
		});
	}
	app.addHook("onSend", (_request, reply, payload, done) => {
		reply.header("content-security-policy", "default-src 'self';");
		reply.header("x-content-type-options", "nosniff");
		reply.header("referrer-policy", "no-referrer");
		done(null, payload);
	});
	// Reference §1.5: any origin, any header, any method, no credentials — also on errors and without an ApiKey.
	app.register(cors, { origin: "*", methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], maxAge: 86400 });
	addRateLimits(app, { deps, config });
	// After the rate limits (onRequest), after validation: routes choose their key check by `config.key`.
	addKeyChecks(app, deps);

	app.register(swagger, {
		openapi: {
			openapi: "3.1.0",
			info: {
				title: "Latchkey",
				version: VERSION,
				description: "Self-hosted passkey server, wire-compatible with the Passwordless.dev API.",
			},
			components: {
				securitySchemes: {
					ApiKey: { type: "apiKey", in: "header", name: "ApiKey", description: "Public key <appId>:public:<32 hex>" },
					ApiSecret: { type: "apiKey", in: "header", name: "ApiSecret", description: "Secret key <appId>:secret:<32 hex>" },
				},
			},
		},
		transform: openApiTransform,
	});

	const context = { deps, config };
	for (const routes of [
		registrationRoutes,
		authenticationRoutes,
		signinTokenRoutes,
		magicLinkRoutes,
		aliasRoutes,
		credentialRoutes,
		signalRoutes,
		userRoutes,
		eventRoutes,
		authConfigRoutes,
		appRoutes,
		authenticatorRoutes,
		mdsRoutes,
		healthRoutes,
		cognitoRoutes,
	]) {
		app.register(routes, context);
	}
	app.register(docsRoutes);
	if (config.dev) {
		app.register(playgroundRoutes, { ...context, apiKey: options.playgroundApiKey ?? "" });
	} else {
		app.get("/", async (_request, reply) =>
			reply.type("text/plain; charset=utf-8").send("Latchkey: this place is for computers. See /health/http.\n"),
		);
	}
	return app;
}
