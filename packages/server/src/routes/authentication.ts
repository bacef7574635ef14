import type { TokenResponse, VerifiedUserJson } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { beginAuthentication } from "../ceremonies/begin-authentication.ts";
import { completeAuthentication } from "../ceremonies/complete-authentication.ts";
import { verifySignIn } from "../ceremonies/verify-sign-in.ts";
import { readRequestContext } from "../http/request-context.ts";
import { recordEvent } from "../management/record-event.ts";
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
			const {
				tenant: { app: tenant, keyId },
				party,
			} = request;
			const { userId = null, alias = null, purpose = null } = request.body;
			const begun = await beginAuthentication({ app: tenant, userId, alias, purpose, party }, context);
			const subject = userId || (alias ? "(alias)" : "(discoverable)");
			const message = `Began sign-in (${userId ? "by userId" : alias ? "by alias" : "discoverable"}).`;
			await recordEvent(tenant, { eventType: "ApiUserSignInBegan", message, subject, apiKeyId: keyId }, deps);
			return begun;
		},
	);

	app.post<{ Body: SigninCompleteBody }>(
		"/signin/complete",
		{
			config: { key: "public", scope: "login", party: true },
			schema: { tags: ["sign-in"], body: SigninCompleteBody, response: { 200: TokenReply } },
		},
		async (request): Promise<TokenResponse> => {
			const {
				tenant: { app: tenant, keyId },
				party,
			} = request;
			const requestContext = readRequestContext(request, context.config.countryHeader);
			const { session, response } = request.body;
			const done = await completeAuthentication({ app: tenant, session, response, party, context: requestContext }, context);
			const message = `User '${done.userId}' signed in with a passkey.`;
			await recordEvent(tenant, { eventType: "ApiUserSignInCompleted", message, subject: done.userId, apiKeyId: keyId }, deps);
			return { token: done.token };
		},
	);

	app.post<{ Body: VerifyBody }>(
		"/signin/verify",
		{ config: { key: "secret", scope: "token_verify" }, schema: { tags: ["sign-in"], body: VerifyBody, response: { 200: VerifiedUser } } },
		async (request): Promise<VerifiedUserJson> => {
			const { app: tenant, keyId } = request.tenant;
			const verified = await verifySignIn({ app: tenant, token: request.body.token }, deps);
			const message = `Verified a ${verified.type} token of user '${verified.userId}'.`;
			await recordEvent(tenant, { eventType: "ApiUserSignInVerified", message, subject: verified.userId, apiKeyId: keyId }, deps);
			return verified;
		},
	);
}
