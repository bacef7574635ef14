import type { FastifyInstance } from "fastify";
import { VERSION } from "../version.ts";
import type { RouteContext } from "./route-context.ts";

const Status = { type: "object", properties: { status: { type: "string" } }, required: ["status"] } as const;

/**
 * Anonymous health routes: GET /health/http (the process answers), /health/storage (the database answers) and
 * /health/version.
 */
export async function healthRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	app.get("/health/http", { schema: { tags: ["health"], response: { 200: Status } } }, async () => ({ status: "ok" }));
	app.get("/health/storage", { schema: { tags: ["health"], response: { 200: Status } } }, async () => {
		await context.deps.store.ping();
		return { status: "ok" };
	});
	app.get(
		"/health/version",
		{
			schema: {
				tags: ["health"],
				response: { 200: { type: "object", properties: { version: { type: "string" } }, required: ["version"] } },
			},
		},
		async () => ({ version: VERSION }),
	);
}
