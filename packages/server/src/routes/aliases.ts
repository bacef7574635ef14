import { type AliasPointer, PasskeyError } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { recordRouteEvent } from "../management/route-events.ts";
import { setAliases } from "../management/set-aliases.ts";
import { AliasList, Empty, SetAliasesBody, UserIdQuery } from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** POST /alias and GET /alias/list (secret, any scope). */
export async function aliasRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;

	app.post<{ Body: SetAliasesBody }>(
		"/alias",
		{ config: { key: "secret" }, schema: { tags: ["aliases"], body: SetAliasesBody, response: { 204: Empty } } },
		async (request, reply) => {
			const { userId, aliases, hashing } = request.body;
			const event = await setAliases({ app: request.tenant.app, userId, aliases, hashing: hashing ?? true }, deps);
			await recordRouteEvent(request.tenant, event, deps);
			return reply.code(204).send();
		},
	);

	app.get<{ Querystring: UserIdQuery }>(
		"/alias/list",
		{ config: { key: "secret" }, schema: { tags: ["aliases"], querystring: UserIdQuery, response: { 200: AliasList } } },
		async (request): Promise<{ values: AliasPointer[] }> => {
			const { app: tenant } = request.tenant;
			const { userId } = request.query;
			if (userId.trim() === "") throw new PasskeyError("missing_userid", { detail: "UserId is empty" });
			const aliases = await deps.store.aliases.listByUser(tenant.id, userId);
			return { values: aliases.map((a) => ({ userId, alias: a.hash, plaintext: a.plaintext, tenant: tenant.id })) };
		},
	);
}
