import type { FastifyRequest } from "fastify";
import { type Authenticated, authenticate } from "../auth/authenticate.ts";
import type { Deps } from "../deps.ts";
import type { ApiKeyScope } from "../store/store.ts";

function header(request: FastifyRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Authenticates a public route (`ApiKey` header) for a scope.
 * @throws invalid_api_key (401), forbidden (403)
 */
export function requirePublicKey(request: FastifyRequest, scope: ApiKeyScope, deps: Pick<Deps, "store" | "clock">): Promise<Authenticated> {
	return authenticate(
		{ value: header(request, "apikey"), otherPresent: header(request, "apisecret") !== undefined, kind: "public", scope },
		deps,
	);
}

/**
 * Authenticates a secret route (`ApiSecret` header) for a scope.
 * @throws invalid_api_secret (401), forbidden (403)
 */
export function requireSecretKey(
	request: FastifyRequest,
	scope: ApiKeyScope | null,
	deps: Pick<Deps, "store" | "clock">,
): Promise<Authenticated> {
	return authenticate(
		{ value: header(request, "apisecret"), otherPresent: header(request, "apikey") !== undefined, kind: "secret", scope },
		deps,
	);
}
