import type { TokenResponse } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { beginRegistration } from "../ceremonies/begin-registration.ts";
import { completeRegistration } from "../ceremonies/complete-registration.ts";
import { issueRegisterToken } from "../ceremonies/issue-register-token.ts";
import { readRequestContext } from "../http/request-context.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import { RegisterBeginBody, RegisterBeginReply, RegisterCompleteBody, RegisterTokenBody, TokenReply } from "../wire/schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** POST /register/token (secret), /register/begin and /register/complete (public). */
export async function registrationRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;

	app.post<{ Body: RegisterTokenBody }>(
		"/register/token",
		{
			config: { key: "secret", scope: "token_register" },
			schema: { tags: ["registration"], body: RegisterTokenBody, response: { 200: TokenReply } },
		},
		async (request): Promise<TokenResponse> => {
			const { token, event } = await issueRegisterToken({ app: request.tenant.app, body: request.body }, context);
			await recordRouteEvent(request.tenant, event, deps);
			return { token };
		},
	);

	app.post<{ Body: RegisterBeginBody }>(
		"/register/begin",
		{
			config: { key: "public", scope: "register", party: true },
			schema: { tags: ["registration"], body: RegisterBeginBody, response: { 200: RegisterBeginReply } },
		},
		async (request) => {
			const { tenant, party } = request;
			const { data, session, event } = await beginRegistration({ app: tenant.app, token: request.body.token, party }, context);
			await recordRouteEvent(tenant, event, deps);
			return { data, session };
		},
	);

	app.post<{ Body: RegisterCompleteBody }>(
		"/register/complete",
		{
			config: { key: "public", scope: "register", party: true },
			schema: { tags: ["registration"], body: RegisterCompleteBody, response: { 200: TokenReply } },
		},
		async (request): Promise<TokenResponse> => {
			const { tenant, party } = request;
			const { session, response, nickname } = request.body;
			const requestContext = readRequestContext(request, context.config.countryHeader);
			const { token, event } = await completeRegistration(
				{ app: tenant.app, session, response, nickname: nickname || null, party, context: requestContext },
				context,
			);
			await recordRouteEvent(tenant, event, deps);
			return { token };
		},
	);
}
