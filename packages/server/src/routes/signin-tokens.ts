import { PasskeyError, type TokenResponse } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { issueSigninToken } from "../ceremonies/issue-signin-token.ts";
import { issueVerifyToken } from "../ceremonies/issue-verify-token.ts";
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
			const { app: tenant } = request.tenant;
			if (!tenant.settings.generateSigninTokensEnabled) throw new PasskeyError("generate_token_disabled");
			const { userId, timeToLive, purpose, RPID, Origin } = request.body;
			const token = await issueVerifyToken(
				{
					appId: tenant.id,
					type: "generated_signin",
					userId,
					credentialId: null,
					rpId: RPID ?? "",
					origin: Origin ?? "",
					device: "",
					country: "",
					nickname: null,
					purpose: purpose || "sign-in",
					ttlSeconds: timeToLive ?? 120,
				},
				context,
			);
			await recordRouteEvent(request.tenant, { eventType: "ApiUserSigninTokenCreated", userId, kind: "verify" }, deps);
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
			const token = await issueSigninToken({ app: request.tenant.app, body: request.body }, context);
			await recordRouteEvent(request.tenant, { eventType: "ApiUserSigninTokenCreated", userId: request.body.userId, kind: "signin" }, deps);
			return { token };
		},
	);
}
