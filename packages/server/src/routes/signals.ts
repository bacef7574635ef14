import type { FastifyInstance } from "fastify";
import { acceptedCredentialsSignal, userDetailsSignal } from "../management/passkey-signals.ts";
import { AcceptedCredentialsQuery, AcceptedCredentialsSignal, UserDetailsQuery, UserDetailsSignal } from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/**
 * The Latchkey extensions GET /signals/accepted-credentials and GET /signals/user-details (secret, any scope): the
 * arguments of the WebAuthn Signal API calls, for a backend to hand to its page (`@latchkey/client/signals`).
 */
export async function signalRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;

	app.get<{ Querystring: AcceptedCredentialsQuery }>(
		"/signals/accepted-credentials",
		{
			config: { key: "secret" },
			schema: { tags: ["signals"], querystring: AcceptedCredentialsQuery, response: { 200: AcceptedCredentialsSignal } },
		},
		async (request) => {
			const { userId, rpId } = request.query;
			return acceptedCredentialsSignal({ app: request.tenant.app, userId, rpId: rpId ?? null }, deps);
		},
	);

	app.get<{ Querystring: UserDetailsQuery }>(
		"/signals/user-details",
		{ config: { key: "secret" }, schema: { tags: ["signals"], querystring: UserDetailsQuery, response: { 200: UserDetailsSignal } } },
		async (request) => {
			const { userId, name, displayName, rpId } = request.query;
			return userDetailsSignal({ app: request.tenant.app, userId, name, displayName: displayName ?? null, rpId: rpId ?? null });
		},
	);
}
