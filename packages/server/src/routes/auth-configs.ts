import type { FastifyInstance } from "fastify";
import { PRESET_PURPOSES, presetAuthConfig } from "../domain/resolve-auth-config.ts";
import { deleteAuthConfig } from "../management/delete-auth-config.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import { saveAuthConfig } from "../management/save-auth-config.ts";
import { toAuthConfigJson } from "../management/to-auth-config-json.ts";
import { AuthConfigBody, AuthConfigDeleteBody, AuthConfigList, AuthConfigQuery, Empty } from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** The authentication configurations (secret, any scope): list, add, update, delete. */
export async function authConfigRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;

	app.get<{ Querystring: AuthConfigQuery }>(
		"/auth-configs/list",
		{ config: { key: "secret" }, schema: { tags: ["auth-configs"], querystring: AuthConfigQuery, response: { 200: AuthConfigList } } },
		async (request) => {
			const { app: tenant } = request.tenant;
			const saved = await deps.store.authConfigs.list(tenant.id);
			const presets = PRESET_PURPOSES.filter((p) => !saved.some((c) => c.purpose === p)).map((p) => presetAuthConfig(tenant.id, p));
			const all = [...presets, ...saved].filter((c) => !request.query.purpose || c.purpose === request.query.purpose);
			return { configurations: all.map(toAuthConfigJson) };
		},
	);

	app.post<{ Body: AuthConfigBody }>(
		"/auth-configs/add",
		{ config: { key: "secret" }, schema: { tags: ["auth-configs"], body: AuthConfigBody, response: { 201: Empty } } },
		async (request, reply) => {
			const { event } = await saveAuthConfig({ app: request.tenant.app, body: request.body, mode: "create" }, deps);
			await recordRouteEvent(request.tenant, event, deps);
			return reply.code(201).send();
		},
	);

	app.post<{ Body: AuthConfigBody }>(
		"/auth-configs",
		{ config: { key: "secret" }, schema: { tags: ["auth-configs"], body: AuthConfigBody, response: { 204: Empty } } },
		async (request, reply) => {
			const { event } = await saveAuthConfig({ app: request.tenant.app, body: request.body, mode: "update" }, deps);
			await recordRouteEvent(request.tenant, event, deps);
			return reply.code(204).send();
		},
	);

	app.post<{ Body: AuthConfigDeleteBody }>(
		"/auth-configs/delete",
		{ config: { key: "secret" }, schema: { tags: ["auth-configs"], body: AuthConfigDeleteBody, response: { 204: Empty } } },
		async (request, reply) => {
			const { purpose, performedBy } = request.body;
			const event = await deleteAuthConfig({ app: request.tenant.app, purpose, performedBy }, deps);
			await recordRouteEvent(request.tenant, event, deps);
			return reply.code(204).send();
		},
	);
}
