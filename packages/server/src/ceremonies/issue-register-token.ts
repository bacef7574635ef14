import { PasskeyError } from "@latchkey/protocol";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { hashAlias } from "../domain/alias-hash.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import { utf8 } from "../encoding.ts";
import type { App, AttestationConveyance } from "../store/store.ts";
import { newTokenText, tokenId } from "../tokens/token-text.ts";
import type { RegistrationRequest } from "../webauthn/create-registration-options.ts";
import type { RegisterTokenBody } from "../wire/schemas.ts";
import { tokenExpiry } from "./parse-utc-date.ts";

/** What a register token holds, server-side. */
export interface RegisterTokenPayload extends RegistrationRequest {
	aliases: string[] | null;
	aliasHashing: boolean;
}

function pick<T extends string>(value: string | null | undefined, allowed: readonly T[], fallback: T, name: string): T {
	if (value === undefined || value === null || value === "") return fallback;
	const found = allowed.find((a) => a === value.toLowerCase());
	if (!found)
		throw new PasskeyError("invalid_argument", { detail: `${name} must be one of ${allowed.join(", ")}; got '${value.slice(0, 40)}'.` });
	return found;
}

/**
 * The attestation a registration asks for: the token's `attestation` (`none` case-insensitively; `direct`, `indirect`
 * and `enterprise` exactly, as upstream compares them), else the app's default; a `strict` app asks for `direct` where
 * that says `none` (a `none` statement can never satisfy it).
 * @throws invalid_attestation
 */
function conveyanceOf(requested: string | null | undefined, settings: App["settings"]): AttestationConveyance {
	let conveyance: AttestationConveyance = settings.attestation ?? "none";
	if (requested !== undefined && requested !== null && requested !== "") {
		if (requested.toLowerCase() === "none") conveyance = "none";
		else if (requested === "direct" || requested === "indirect" || requested === "enterprise") conveyance = requested;
		else {
			throw new PasskeyError("invalid_attestation", {
				detail: `attestation must be none, indirect, direct or enterprise; got '${requested.slice(0, 40)}'.`,
			});
		}
	}
	return conveyance === "none" && settings.attestationMode === "strict" ? "direct" : conveyance;
}

/**
 * Validates a `/register/token` request and stores a reusable register token until it expires.
 * @param input - the app and the request body
 * @param context - deps and config
 * @returns the token text, shown once, and the event to record
 * @throws missing_userid, invalid_argument, invalid_attestation, alias_conflict
 */
export async function issueRegisterToken(
	input: { app: App; body: RegisterTokenBody },
	context: { deps: Deps; config: Config },
): Promise<{ token: string; event: RouteEvent }> {
	const { app, body } = input;
	const { deps, config } = context;
	if (utf8(body.userId).length > 64)
		throw new PasskeyError("invalid_argument", {
			detail: "userId must be at most 64 bytes of UTF-8 (browsers reject longer user handles).",
		});
	const attestation = conveyanceOf(body.attestation, app.settings);
	const hints = (body.hints ?? []).map((h) => pick(h, ["security-key", "client-device", "hybrid"] as const, "security-key", "hints"));
	const now = deps.clock.now();
	const expiresAt = tokenExpiry(body.expiresAt, { now, ttlSeconds: config.registerTokenTtlSeconds });
	const aliases = body.aliases && body.aliases.length > 0 ? [...new Set(body.aliases)] : null;
	if (aliases) {
		const conflicts = await deps.store.aliases.findConflicts(
			app.id,
			body.userId,
			aliases.map((a) => hashAlias(app.id, a)),
		);
		if (conflicts.length > 0) throw new PasskeyError("alias_conflict", { detail: "An alias is already in use by another user." });
	}
	const payload: RegisterTokenPayload = {
		userId: body.userId,
		username: body.username,
		displayName: body.displayName || body.username,
		attestation,
		authenticatorType: pick(body.authenticatorType, ["any", "platform", "cross-platform"] as const, "any", "authenticatorType"),
		discoverable: body.discoverable ?? true,
		userVerification: pick(body.userVerification, ["preferred", "required", "discouraged"] as const, "preferred", "userVerification"),
		hints: [...new Set(hints)],
		prf: body.extensions?.prf?.eval ?? null,
		aliases,
		aliasHashing: body.aliasHashing ?? true,
	};
	const text = newTokenText("register_", deps.random);
	await deps.store.tokens.put({ id: tokenId(text), appId: app.id, kind: "register", payload: { ...payload }, expiresAt });
	return { token: text, event: { eventType: "ApiAuthUserRegistered", userId: body.userId } };
}
