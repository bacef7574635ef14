import type { FastifyInstance } from "fastify";
import { beginRegistration } from "../ceremonies/begin-registration.ts";
import { completeRegistration } from "../ceremonies/complete-registration.ts";
import { issueRegisterToken } from "../ceremonies/issue-register-token.ts";
import { readRequestContext } from "../http/request-context.ts";
import { checkRequestParty } from "../webauthn/origin-policy.ts";
import { requirePublicKey, requireSecretKey } from "./require-key.ts";
import type { RouteContext } from "./route-context.ts";
import { RegisterBeginBody, RegisterBeginReply, RegisterCompleteBody, RegisterTokenBody, TokenReply } from "./schemas.ts";

/** POST /register/token (secret), /register/begin and /register/complete (public). */
export async function registrationRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;

	app.post<{ Body: RegisterTokenBody }>(
		"/register/token",
		{ schema: { body: RegisterTokenBody, response: { 200: TokenReply } } },
		async (request) => {
			const { app: tenant } = await requireSecretKey(request, "token_register", deps.store);
			return { token: await issueRegisterToken({ app: tenant, body: request.body }, context) };
		},
	);

	app.post<{ Body: RegisterBeginBody }>(
		"/register/begin",
		{ schema: { body: RegisterBeginBody, response: { 200: RegisterBeginReply } } },
		async (request) => {
			const { app: tenant } = await requirePublicKey(request, "register", deps.store);
			const party = checkRequestParty(request.body, tenant.settings);
			return beginRegistration({ app: tenant, token: request.body.token, party }, context);
		},
	);

	app.post<{ Body: RegisterCompleteBody }>(
		"/register/complete",
		{ schema: { body: RegisterCompleteBody, response: { 200: TokenReply } } },
		async (request) => {
			const { app: tenant } = await requirePublicKey(request, "register", deps.store);
			const party = checkRequestParty(request.body, tenant.settings);
			const token = await completeRegistration(
				{
					app: tenant,
					session: request.body.session,
					response: request.body.response,
					nickname: request.body.nickname || null,
					party,
					context: readRequestContext(request, context.config.countryHeader),
				},
				context,
			);
			return { token };
		},
	);
}
