import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CognitoContext } from "../cognito/cognito-context.ts";
import { CognitoError, toCognitoError } from "../cognito/cognito-error.ts";
import { COGNITO_OPERATIONS } from "../cognito/operations.ts";
import { createPoolKeys } from "../cognito/pool-keys.ts";
import { readRequestContext } from "../http/request-context.ts";
import type { RouteContext } from "./route-context.ts";

const CONTENT_TYPE = "application/x-amz-json-1.1";
const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

/** The server's public URL: LATCHKEY_PUBLIC_URL, else the request's scheme and Host. */
function publicUrlOf(request: FastifyRequest, configured: string): string {
	return configured || `${request.protocol}://${request.host}`;
}

/** Answers an error as the AWS SDK parses it: `{"__type","message"}` with `X-Amzn-ErrorType`. */
function sendCognitoError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
	const mapped = toCognitoError(error);
	if (mapped.status >= 500) request.log.error({ err: error }, "cognito operation failed");
	return reply
		.code(mapped.status)
		.header("content-type", CONTENT_TYPE)
		.header("x-amzn-errortype", mapped.type)
		.send(Buffer.from(JSON.stringify({ __type: mapped.type, message: mapped.message })));
}

/**
 * The Cognito-compatible front door (docs/cognito.md): `POST /` with `X-Amz-Target:
 * AWSCognitoIdentityProviderService.<Operation>` (AWS JSON 1.1), and each pool's JWKS at
 * `GET /<userPoolId>/.well-known/jwks.json`. The operations run the same ceremonies as the passwordless.dev routes.
 */
export async function cognitoRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps, config } = context;
	const keys = createPoolKeys(deps.store);
	app.addContentTypeParser(CONTENT_TYPE, { parseAs: "string" }, (_request, text, done) => {
		try {
			done(null, text === "" ? {} : JSON.parse(text as string));
		} catch {
			done(new CognitoError("SerializationException", "The request body is not valid JSON."), undefined);
		}
	});

	app.post("/", { config: { publicRateLimit: true }, schema: { hide: true }, errorHandler: sendCognitoError }, async (request, reply) => {
		const target = request.headers["x-amz-target"];
		const name = typeof target === "string" && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
		const operation = Object.hasOwn(COGNITO_OPERATIONS, name) ? COGNITO_OPERATIONS[name] : undefined;
		if (!operation) throw new CognitoError("UnknownOperationException", `Unknown operation ${String(target ?? "").slice(0, 100)}`);
		const body = request.body;
		if (typeof body !== "object" || body === null || Array.isArray(body)) {
			throw new CognitoError("SerializationException", "The request body must be a JSON object.");
		}
		const operationContext: CognitoContext = {
			deps,
			config,
			keys,
			publicUrl: publicUrlOf(request, config.publicUrl),
			request: readRequestContext(request, config.countryHeader),
		};
		const result = await operation(body as Record<string, unknown>, operationContext);
		return reply.header("content-type", CONTENT_TYPE).send(Buffer.from(JSON.stringify(result)));
	});

	app.get<{ Params: { userPoolId: string } }>("/:userPoolId/.well-known/jwks.json", { schema: { hide: true } }, async (request, reply) => {
		const pool = await deps.store.pools.findById(request.params.userPoolId);
		if (!pool) return reply.code(404).send({ message: "User pool not found." });
		return reply.header("cache-control", "public, max-age=300").send(await keys.jwks(pool.id, deps.clock.now()));
	});

	app.get<{ Params: { userPoolId: string } }>(
		"/:userPoolId/.well-known/openid-configuration",
		{ schema: { hide: true } },
		async (request, reply) => {
			const pool = await deps.store.pools.findById(request.params.userPoolId);
			if (!pool) return reply.code(404).send({ message: "User pool not found." });
			const issuer = `${publicUrlOf(request, config.publicUrl)}/${pool.id}`;
			return { issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["RS256"] };
		},
	);
}
