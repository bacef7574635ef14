import type { UserSummaryJson } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { deleteUser } from "../management/delete-user.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import { UserCount, UserIdBody, UserList } from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** Upstream caps the user list at 1000 entries and has no paging. */
const MAX_USERS = 1000;

/** GET /users/list, GET /users/count and POST /users/delete (secret, any scope). */
export async function userRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;

	app.get("/users/list", { config: { key: "secret" }, schema: { tags: ["users"], response: { 200: UserList } } }, async (request) => {
		const { app: tenant } = request.tenant;
		const users = await deps.store.credentials.listUsers(tenant.id, MAX_USERS);
		const values: UserSummaryJson[] = users.map((u) => ({ ...u, lastUsedAt: u.lastUsedAt?.toISOString() ?? null }));
		return { values };
	});

	app.get("/users/count", { config: { key: "secret" }, schema: { tags: ["users"], response: { 200: UserCount } } }, async (request) => {
		const { app: tenant } = request.tenant;
		return { count: await deps.store.credentials.countUsers(tenant.id) };
	});

	app.post<{ Body: UserIdBody }>(
		"/users/delete",
		{
			config: { key: "secret" },
			schema: { tags: ["users"], body: UserIdBody, response: { 200: { description: "Empty body", type: "null" } } },
		},
		async (request, reply) => {
			const event = await deleteUser({ app: request.tenant.app, userId: request.body.userId }, deps);
			await recordRouteEvent(request.tenant, event, deps);
			return reply.code(200).send();
		},
	);
}
