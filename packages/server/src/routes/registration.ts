import type { TokenResponse } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { beginRegistration } from "../ceremonies/begin-registration.ts";
import { completeRegistration } from "../ceremonies/complete-registration.ts";
import { issueRegisterToken } from "../ceremonies/issue-register-token.ts";
import { readRequestContext } from "../http/request-context.ts";
import { recordEvent } from "../management/record-event.ts";
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
			const { app: tenant, keyId } = request.tenant;
			const token = await issueRegisterToken({ app: tenant, body: request.body }, context);
			const { userId } = request.body;
			const message = `Created a registration token for user '${userId}'.`;
			await recordEvent(tenant, { eventType: "ApiAuthUserRegistered", message, subject: userId, apiKeyId: keyId }, deps);
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
			const {
				tenant: { app: tenant, keyId },
				party,
			} = request;
			const begun = await beginRegistration({ app: tenant, token: request.body.token, party }, context);
			const userId = begun.userId;
			const message = `Began passkey registration for user '${userId}'.`;
			await recordEvent(tenant, { eventType: "ApiAuthPasskeyRegistrationBegan", message, subject: userId, apiKeyId: keyId }, deps);
			return { data: begun.data, session: begun.session };
		},
	);

	app.post<{ Body: RegisterCompleteBody }>(
		"/register/complete",
		{
			config: { key: "public", scope: "register", party: true },
			schema: { tags: ["registration"], body: RegisterCompleteBody, response: { 200: TokenReply } },
		},
		async (request): Promise<TokenResponse> => {
			const {
				tenant: { app: tenant, keyId },
				party,
			} = request;
			const { session, response, nickname } = request.body;
			const requestContext = readRequestContext(request, context.config.countryHeader);
			const done = await completeRegistration(
				{ app: tenant, session, response, nickname: nickname || null, party, context: requestContext },
				context,
			);
			const message = `Completed passkey registration for user '${done.userId}'.`;
			await recordEvent(tenant, { eventType: "ApiAuthPasskeyRegistrationCompleted", message, subject: done.userId, apiKeyId: keyId }, deps);
			return { token: done.token };
		},
	);
}
