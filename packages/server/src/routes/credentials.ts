import { type CredentialJson, PasskeyError } from "@latchkey/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { loadAuthenticatorNames } from "../authenticators/authenticator-names.ts";
import { deleteCredential } from "../management/delete-credential.ts";
import { getCredential, renameCredential } from "../management/rename-credential.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import { toCredentialJson } from "../management/to-credential-json.ts";
import {
	CredentialIdQuery,
	CredentialItem,
	CredentialList,
	DeleteCredentialBody,
	Empty,
	UpdateCredentialBody,
	UserIdBody,
	UserIdQuery,
} from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/**
 * GET|POST /credentials/list and POST /credentials/delete (secret, any scope); the Latchkey extensions
 * GET /credentials/get and POST /credentials/update (rename).
 */
export async function credentialRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;
	const names = deps.authenticatorNames ?? loadAuthenticatorNames();

	const list = async (request: FastifyRequest, userId: string): Promise<{ values: CredentialJson[] }> => {
		const { app: tenant } = request.tenant;
		if (userId.trim() === "") throw new PasskeyError("missing_userid", { detail: "UserId is empty" });
		const credentials = await deps.store.credentials.listByUser(tenant.id, userId);
		return { values: credentials.map((credential) => toCredentialJson(credential, names)) };
	};

	app.get<{ Querystring: UserIdQuery }>(
		"/credentials/list",
		{ config: { key: "secret" }, schema: { tags: ["credentials"], querystring: UserIdQuery, response: { 200: CredentialList } } },
		async (request) => list(request, request.query.userId),
	);

	app.post<{ Body: UserIdBody }>(
		"/credentials/list",
		{ config: { key: "secret" }, schema: { tags: ["credentials"], body: UserIdBody, response: { 200: CredentialList } } },
		async (request) => list(request, request.body.userId),
	);

	app.get<{ Querystring: CredentialIdQuery }>(
		"/credentials/get",
		{ config: { key: "secret" }, schema: { tags: ["credentials"], querystring: CredentialIdQuery, response: { 200: CredentialItem } } },
		async (request) => {
			const credential = await getCredential({ app: request.tenant.app, credentialId: request.query.credentialId }, deps);
			return toCredentialJson(credential, names);
		},
	);

	app.post<{ Body: UpdateCredentialBody }>(
		"/credentials/update",
		{ config: { key: "secret" }, schema: { tags: ["credentials"], body: UpdateCredentialBody, response: { 204: Empty } } },
		async (request, reply) => {
			const { credentialId, nickname } = request.body;
			await renameCredential({ app: request.tenant.app, credentialId, nickname: nickname ?? null }, deps);
			return reply.code(204).send();
		},
	);

	app.post<{ Body: DeleteCredentialBody }>(
		"/credentials/delete",
		{ config: { key: "secret" }, schema: { tags: ["credentials"], body: DeleteCredentialBody, response: { 204: Empty } } },
		async (request, reply) => {
			const event = await deleteCredential({ app: request.tenant.app, credentialId: request.body.credentialId }, deps);
			await recordRouteEvent(request.tenant, event, deps);
			return reply.code(204).send();
		},
	);
}
