import { PasskeyError } from "@latchkey/protocol";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import type { App } from "../store/store.ts";
import type { GenerateTokenBody } from "../wire/management-schemas.ts";
import { issueVerifyToken } from "./issue-verify-token.ts";

/**
 * `POST /signin/generate-token`: a `generated_signin` verify token made without a ceremony (tests, recovery links).
 * The user need not exist.
 * @param input - the app and the request body
 * @param context - deps and config
 * @returns the token text and the event to record
 * @throws generate_token_disabled (403) when the app switched the route off
 * @example
 * const { token } = await generateSigninToken({ app, body: { userId: "42", timeToLive: 600 } }, context);
 */
export async function generateSigninToken(
	input: { app: App; body: GenerateTokenBody },
	context: { deps: Deps; config: Config },
): Promise<{ token: string; event: RouteEvent }> {
	const { app, body } = input;
	if (!app.settings.generateSigninTokensEnabled) throw new PasskeyError("generate_token_disabled");
	const { userId, timeToLive, purpose, RPID, Origin } = body;
	const token = await issueVerifyToken(
		{
			appId: app.id,
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
	return { token, event: { eventType: "ApiUserSigninTokenCreated", userId, kind: "verify" } };
}
