import type { TokenResponse, VerifiedUserJson } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { beginAuthentication } from "../ceremonies/begin-authentication.ts";
import { completeAuthentication } from "../ceremonies/complete-authentication.ts";
import { verifySignIn } from "../ceremonies/verify-sign-in.ts";
import { readRequestContext } from "../http/request-context.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import { SigninBeginBody, SigninBeginReply, SigninCompleteBody, TokenReply, VerifiedUser, VerifyBody } from "../wire/schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** POST /signin/begin and /signin/complete (public), /signin/verify (secret). */
export async function authenticationRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;

	app.post<{ Body: SigninBeginBody }>(
		"/signin/begin",
		{
			config: { key: "public", scope: "login", party: true },
			schema: { tags: ["sign-in"], body: SigninBeginBody, response: { 200: SigninBeginReply } },
		},
		async (request) => {
			const { tenant, party } = request;
			const { userId = null, alias = null, purpose = null, token = null } = request.body;
			const { data, session, boundUserId } = await beginAuthentication(
				{ app: tenant.app, target: { userId, alias, purpose, token }, party },
				context,
			);
			const event = boundUserId ? { userId: boundUserId, alias: null, token: true } : { userId, alias, token: false };
			await recordRouteEvent(tenant, { eventType: "ApiUserSignInBegan", ...event }, deps);
			return { data, session };
		},
	);

	app.post<{ Body: SigninCompleteBody }>(
		"/signin/complete",
		{
			config: { key: "public", scope: "login", party: true },
			schema: { tags: ["sign-in"], body: SigninCompleteBody, response: { 200: TokenReply } },
		},
		async (request): Promise<TokenResponse> => {
			const { tenant, party } = request;
			const requestContext = readRequestContext(request, context.config.countryHeader);
			const { session, response } = request.body;
			const done = await completeAuthentication({ app: tenant.app, session, response, party, context: requestContext }, context);
			await recordRouteEvent(tenant, { eventType: "ApiUserSignInCompleted", userId: done.userId }, deps);
			return { token: done.token };
		},
	);

	app.post<{ Body: VerifyBody }>(
		"/signin/verify",
		{ config: { key: "secret", scope: "token_verify" }, schema: { tags: ["sign-in"], body: VerifyBody, response: { 200: VerifiedUser } } },
		async (request): Promise<VerifiedUserJson> => {
			const verified = await verifySignIn({ app: request.tenant.app, token: request.body.token }, deps);
			const event = { eventType: "ApiUserSignInVerified", userId: verified.userId, tokenType: verified.type } as const;
			await recordRouteEvent(request.tenant, event, deps);
			return verified;
		},
	);
}
