import type { TokenResponse } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { generateSigninToken } from "../ceremonies/generate-signin-token.ts";
import { issueSigninToken } from "../ceremonies/issue-signin-token.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import { GenerateTokenBody } from "../wire/management-schemas.ts";
import { SigninTokenBody, TokenReply } from "../wire/schemas.ts";
import type { RouteContext } from "./route-context.ts";

/**
 * POST /signin/generate-token (secret, `token_verify`): a verify token made without a ceremony (tests, recovery links).
 * POST /signin/token (secret, `token_register`; a Latchkey extension): a `signin_` token that starts a sign-in bound
 * to one user, as a register token starts a registration.
 */
export async function signinTokenRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;
	app.post<{ Body: GenerateTokenBody }>(
		"/signin/generate-token",
		{
			config: { key: "secret", scope: "token_verify" },
			schema: { tags: ["sign-in"], body: GenerateTokenBody, response: { 200: TokenReply } },
		},
		async (request): Promise<TokenResponse> => {
			const { token, event } = await generateSigninToken({ app: request.tenant.app, body: request.body }, context);
			await recordRouteEvent(request.tenant, event, deps);
			return { token };
		},
	);

	app.post<{ Body: SigninTokenBody }>(
		"/signin/token",
		{
			config: { key: "secret", scope: "token_register" },
			schema: { tags: ["sign-in"], body: SigninTokenBody, response: { 200: TokenReply } },
		},
		async (request): Promise<TokenResponse> => {
			const { token, event } = await issueSigninToken({ app: request.tenant.app, body: request.body }, context);
			await recordRouteEvent(request.tenant, event, deps);
			return { token };
		},
	);
}
