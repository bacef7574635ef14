import type { FastifyInstance } from "fastify";
import { sendMagicLink } from "../ceremonies/send-magic-link.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import { Empty, MagicLinkBody } from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/**
 * POST /magic-links/send (secret, `token_verify`): mails a link that carries a single-use `magic_link` verify token;
 * the app's backend exchanges it with `/signin/verify` (account recovery, sign-in by e-mail).
 */
export async function magicLinkRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	app.post<{ Body: MagicLinkBody }>(
		"/magic-links/send",
		{
			config: { key: "secret", scope: "token_verify" },
			schema: { tags: ["sign-in"], body: MagicLinkBody, response: { 204: Empty } },
		},
		async (request, reply) => {
			const { event } = await sendMagicLink({ app: request.tenant.app, body: request.body }, context);
			await recordRouteEvent(request.tenant, event, context.deps);
			return reply.code(204).send();
		},
	);
}
