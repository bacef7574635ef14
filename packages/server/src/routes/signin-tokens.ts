import { PasskeyError, type TokenResponse } from "@latchkey/protocol";
import type { FastifyInstance } from "fastify";
import { issueVerifyToken } from "../ceremonies/issue-verify-token.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import { GenerateTokenBody } from "../wire/management-schemas.ts";
import { TokenReply } from "../wire/schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** POST /signin/generate-token (secret, `token_verify`): a verify token made without a ceremony (tests, recovery links). */
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
			await recordRouteEvent(request.tenant, { eventType: "ApiUserSigninTokenCreated", userId }, deps);
			return { token };
		},
	);
}
