import type { EventLogJson } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { EventPage, EventsQuery } from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** GET /events (secret, any scope): the app's audit log, newest first, paged. */
export async function eventRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;
	app.get<{ Querystring: EventsQuery }>(
		"/events",
		{ config: { key: "secret" }, schema: { tags: ["events"], querystring: EventsQuery, response: { 200: EventPage } } },
		async (request): Promise<EventLogJson> => {
			const { app: tenant } = request.tenant;
			const pageNumber = request.query.pageNumber || 1;
			const limit = request.query.numberOfResults || 100;
			const page = await deps.store.events.list(tenant.id, { offset: (pageNumber - 1) * limit, limit });
			return {
				tenantId: tenant.id,
				events: page.events.map((e) => ({ ...e, performedAt: e.performedAt.toISOString(), tenantId: e.appId })),
				totalEventCount: page.total,
			};
		},
	);
}
