import type { FastifyInstance } from "fastify";
import type { RouteContext } from "./route-context.ts";

/** Anonymous health routes: GET /health/http (the process answers) and /health/storage (the database answers). */
export async function healthRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	app.get("/health/http", async () => ({ status: "ok" }));
	app.get("/health/storage", async () => {
		await context.deps.store.ping();
		return { status: "ok" };
	});
}
