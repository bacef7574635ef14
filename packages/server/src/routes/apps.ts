import type { FastifyInstance } from "fastify";
import { appFeatures, updateAppFeatures, wellKnownWebauthn } from "../apps/app-features.ts";
import { AppIdParams, Empty, Features, FeaturesBody, WellKnownWebauthn } from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/**
 * `POST /apps/features` (secret, any scope): patch-style switches of the app; `GET /apps/features` reads them;
 * `GET /apps/:appId/.well-known/webauthn` (no key) is the app's related-origins document.
 */
export async function appRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;
	app.post<{ Body: FeaturesBody }>(
		"/apps/features",
		{ config: { key: "secret" }, schema: { tags: ["apps"], body: FeaturesBody, response: { 204: Empty } } },
		async (request, reply) => {
			await updateAppFeatures({ app: request.tenant.app, body: request.body }, deps);
			return reply.code(204).send();
		},
	);

	app.get("/apps/features", { config: { key: "secret" }, schema: { tags: ["apps"], response: { 200: Features } } }, async (request) =>
		appFeatures(request.tenant.app.settings),
	);

	app.get<{ Params: AppIdParams }>(
		"/apps/:appId/.well-known/webauthn",
		{ config: { publicRateLimit: true }, schema: { tags: ["apps"], params: AppIdParams, response: { 200: WellKnownWebauthn } } },
		async (request, reply) => {
			const document = await wellKnownWebauthn(request.params.appId, deps);
			return reply.header("cache-control", "public, max-age=300").send(document);
		},
	);
}
