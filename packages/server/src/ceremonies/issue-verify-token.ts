import type { VerifiedUserJson } from "@latchkey/protocol";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { toBase64 } from "../encoding.ts";
import type { Token } from "../store/store.ts";
import { newTokenText, tokenId } from "../tokens/token-text.ts";

/** Formats a random 16 bytes as an RFC 4122 version-4 GUID. */
function uuid(bytes: Uint8Array): string {
	const b = Uint8Array.from(bytes);
	b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
	b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
	const hex = Buffer.from(b).toString("hex");
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a verify token says: the user, the credential, where and how. */
export interface VerifyTokenInput {
	appId: string;
	type: "passkey_signin" | "passkey_register" | "generated_signin" | "magic_link";
	userId: string;
	/** null for tokens no credential made (generated sign-in tokens): written as "". */
	credentialId: Uint8Array | null;
	rpId: string;
	origin: string;
	device: string;
	country: string;
	nickname: string | null;
	purpose: string | null;
	/** Lifetime; defaults to the configured verify-token TTL. */
	ttlSeconds?: number;
}

/**
 * Makes a verify token for a completed ceremony without storing it: its text and the row to store (the ceremonies
 * store it in the same write as the rest of their step). Its payload is the §4.2 object `/signin/verify` returns.
 * @param input - what the token says
 * @param context - deps and config
 */
export function buildVerifyToken(input: VerifyTokenInput, context: { deps: Deps; config: Config }): { text: string; token: Token } {
	const { deps, config } = context;
	const now = deps.clock.now();
	const expiresAt = new Date(now.getTime() + (input.ttlSeconds ?? config.verifyTokenTtlSeconds) * 1000);
	const payload: VerifiedUserJson = {
		userId: input.userId,
		timestamp: now.toISOString(),
		rpId: input.rpId,
		origin: input.origin,
		success: true,
		device: input.device,
		country: input.country,
		nickname: input.nickname,
		credentialId: input.credentialId ? toBase64(input.credentialId) : "",
		purpose: input.purpose,
		expiresAt: expiresAt.toISOString(),
		tokenId: uuid(deps.random.bytes(16)),
		type: input.type,
	};
	const text = newTokenText("verify_", deps.random);
	return { text, token: { id: tokenId(text), appId: input.appId, kind: "verify", payload: { ...payload }, expiresAt } };
}

/**
 * Stores a verify token and returns its text (a token made without a ceremony: `/signin/generate-token`).
 * @param input - what the token says
 * @param context - deps and config
 */
export async function issueVerifyToken(input: VerifyTokenInput, context: { deps: Deps; config: Config }): Promise<string> {
	const { text, token } = buildVerifyToken(input, context);
	await context.deps.store.tokens.put(token);
	return text;
}
