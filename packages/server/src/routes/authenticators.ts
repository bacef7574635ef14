import type { FastifyInstance } from "fastify";
import { addAuthenticators, listAuthenticators, removeAuthenticators } from "../management/manage-authenticators.ts";
import {
	AuthenticatorAddBody,
	AuthenticatorList,
	AuthenticatorListQuery,
	AuthenticatorRemoveBody,
	Empty,
} from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** The AAGUID allow and deny lists (secret, any scope), upstream's `/authenticators/*`; enforced at `/register/complete`. */
export async function authenticatorRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;
	const tags = ["authenticators"];

	app.get<{ Querystring: AuthenticatorListQuery }>(
		"/authenticators/list",
		{ config: { key: "secret" }, schema: { tags, querystring: AuthenticatorListQuery, response: { 200: AuthenticatorList } } },
		async (request) => listAuthenticators(request.tenant.app, request.query.isAllowed ?? true),
	);

	app.post<{ Body: AuthenticatorAddBody }>(
		"/authenticators/add",
		{ config: { key: "secret" }, schema: { tags, body: AuthenticatorAddBody, response: { 204: Empty } } },
		async (request, reply) => {
			await addAuthenticators({ app: request.tenant.app, aaguids: request.body.aaGuids, isAllowed: request.body.isAllowed }, deps);
			return reply.code(204).send();
		},
	);

	app.post<{ Body: AuthenticatorRemoveBody }>(
		"/authenticators/remove",
		{ config: { key: "secret" }, schema: { tags, body: AuthenticatorRemoveBody, response: { 204: Empty } } },
		async (request, reply) => {
			await removeAuthenticators({ app: request.tenant.app, aaguids: request.body.aaGuids }, deps);
			return reply.code(204).send();
		},
	);
}
