import type { FastifyInstance } from "fastify";
import { beginAuthentication } from "../ceremonies/begin-authentication.ts";
import { completeAuthentication } from "../ceremonies/complete-authentication.ts";
import { verifySignIn } from "../ceremonies/verify-sign-in.ts";
import { readRequestContext } from "../http/request-context.ts";
import { checkRequestParty } from "../webauthn/origin-policy.ts";
import { requirePublicKey, requireSecretKey } from "./require-key.ts";
import type { RouteContext } from "./route-context.ts";
import { SigninBeginBody, SigninBeginReply, SigninCompleteBody, TokenReply, VerifiedUser, VerifyBody } from "./schemas.ts";

/** POST /signin/begin and /signin/complete (public), /signin/verify (secret). */
export async function authenticationRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;

	app.post<{ Body: SigninBeginBody }>(
		"/signin/begin",
		{ schema: { body: SigninBeginBody, response: { 200: SigninBeginReply } } },
		async (request) => {
			const { app: tenant } = await requirePublicKey(request, "login", deps.store);
			const party = checkRequestParty(request.body, tenant.settings);
			const { userId = null, alias = null, purpose = null } = request.body;
			return beginAuthentication({ app: tenant, userId, alias, purpose, party }, context);
		},
	);

	app.post<{ Body: SigninCompleteBody }>(
		"/signin/complete",
		{ schema: { body: SigninCompleteBody, response: { 200: TokenReply } } },
		async (request) => {
			const { app: tenant } = await requirePublicKey(request, "login", deps.store);
			const party = checkRequestParty(request.body, tenant.settings);
			const token = await completeAuthentication(
				{
					app: tenant,
					session: request.body.session,
					response: request.body.response,
					party,
					context: readRequestContext(request, context.config.countryHeader),
				},
				context,
			);
			return { token };
		},
	);

	app.post<{ Body: VerifyBody }>("/signin/verify", { schema: { body: VerifyBody, response: { 200: VerifiedUser } } }, async (request) => {
		const { app: tenant } = await requireSecretKey(request, "token_verify", deps.store);
		return verifySignIn({ app: tenant, token: request.body.token }, deps);
	});
}
