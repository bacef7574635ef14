import { PasskeyError } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { isPresetPurpose, PRESET_PURPOSES, presetAuthConfig } from "../domain/resolve-auth-config.ts";
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
			const { purpose } = await saveAuthConfig({ app: request.tenant.app, body: request.body, mode: "create" }, deps);
			const event = { eventType: "ApiAuthenticationConfigurationCreated", purpose, performedBy: request.body.performedBy } as const;
			await recordRouteEvent(request.tenant, event, deps);
			return reply.code(201).send();
		},
	);

	app.post<{ Body: AuthConfigBody }>(
		"/auth-configs",
		{ config: { key: "secret" }, schema: { tags: ["auth-configs"], body: AuthConfigBody, response: { 204: Empty } } },
		async (request, reply) => {
			const { purpose } = await saveAuthConfig({ app: request.tenant.app, body: request.body, mode: "update" }, deps);
			const event = { eventType: "ApiAuthenticationConfigurationUpdated", purpose, performedBy: request.body.performedBy } as const;
			await recordRouteEvent(request.tenant, event, deps);
			return reply.code(204).send();
		},
	);

	app.post<{ Body: AuthConfigDeleteBody }>(
		"/auth-configs/delete",
		{ config: { key: "secret" }, schema: { tags: ["auth-configs"], body: AuthConfigDeleteBody, response: { 204: Empty } } },
		async (request, reply) => {
			const { app: tenant } = request.tenant;
			const { purpose, performedBy } = request.body;
			if (isPresetPurpose(purpose)) throw new PasskeyError("auth_config_protected", { detail: `'${purpose}' is a preset.` });
			if (!(await deps.store.authConfigs.delete(tenant.id, purpose))) {
				throw new PasskeyError("auth_config_not_found", { detail: `There is no configuration for the purpose '${purpose}'.` });
			}
			await recordRouteEvent(request.tenant, { eventType: "ApiAuthenticationConfigurationDeleted", purpose, performedBy }, deps);
			return reply.code(204).send();
		},
	);
}
