import { PasskeyError } from "@latchkey/protocol";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { App } from "../store/store.ts";
import { newTokenText, tokenId } from "../tokens/token-text.ts";
import type { SigninTokenBody } from "../wire/schemas.ts";
import { parseUtcDate } from "./parse-utc-date.ts";

/** What a `signin_` token holds, server-side. */
export interface SigninTokenPayload {
	userId: string;
	/** The purpose the sign-in's verify token carries; null: the app's `sign-in` configuration. */
	purpose: string | null;
	/** Overrides the purpose configuration's user verification; null: the configuration's. */
	userVerification: "preferred" | "required" | "discouraged" | null;
}

const USER_VERIFICATION = ["preferred", "required", "discouraged"] as const;

/**
 * `POST /signin/token` (a Latchkey extension): stores a single-use token that starts a sign-in bound to one user.
 * The user is not looked up: an unknown user gets a token exactly like a known one (no user enumeration), and the
 * sign-in it starts then fails with `no_passkeys`.
 * @param input - the app and the request body
 * @param context - deps and config (the lifetime defaults to the register token's)
 * @returns the token text, shown once
 * @throws invalid_argument (expiresAt not a future ISO date-time, userVerification unknown)
 */
export async function issueSigninToken(
	input: { app: App; body: SigninTokenBody },
	context: { deps: Deps; config: Config },
): Promise<string> {
	const { app, body } = input;
	const { deps, config } = context;
	const now = deps.clock.now();
	let expiresAt = new Date(now.getTime() + config.registerTokenTtlSeconds * 1000);
	if (body.expiresAt) {
		const parsed = parseUtcDate(body.expiresAt);
		if (!parsed) throw new PasskeyError("invalid_argument", { detail: "expiresAt must be an ISO-8601 date-time." });
		if (parsed <= now) throw new PasskeyError("invalid_argument", { detail: "expiresAt must be in the future." });
		expiresAt = parsed;
	}
	const requested = body.userVerification ? body.userVerification.toLowerCase() : null;
	const userVerification = requested === null ? null : (USER_VERIFICATION.find((u) => u === requested) ?? undefined);
	if (userVerification === undefined) {
		throw new PasskeyError("invalid_argument", {
			detail: `userVerification must be one of ${USER_VERIFICATION.join(", ")}; got '${String(body.userVerification).slice(0, 40)}'.`,
		});
	}
	const payload: SigninTokenPayload = { userId: body.userId, purpose: body.purpose || null, userVerification };
	const text = newTokenText("signin_", deps.random);
	await deps.store.tokens.put({ id: tokenId(text), appId: app.id, kind: "signin", payload: { ...payload }, expiresAt });
	return text;
}
