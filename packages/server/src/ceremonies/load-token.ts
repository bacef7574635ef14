import { PasskeyError } from "@latchkey/protocol";
import type { Ceremony, Store, Token } from "../store/store.ts";
import { humanizeAgo, parseTokenText } from "../tokens/token-text.ts";

function checkLive(row: { appId: string; expiresAt: Date } | null, appId: string, now: Date): void {
	if (!row || row.appId !== appId) {
		throw new PasskeyError("invalid_token", { detail: "The token is unknown, was already used, or belongs to another application." });
	}
	if (row.expiresAt.getTime() < now.getTime()) {
		throw new PasskeyError("expired_token", { detail: `The token expired ${humanizeAgo(now.getTime() - row.expiresAt.getTime())} ago.` });
	}
}

/**
 * Finds a live register or verify token of this app; with `consume`, atomically takes it (single use).
 * @param input - the token text, the kind expected and the app
 * @param options - the store, "now", and whether to consume it
 * @throws missing_token, invalid_token, invalid_token_format, expired_token
 */
export async function loadToken(
	input: { text: string | undefined; kind: Token["kind"]; appId: string },
	options: { store: Store; now: Date; consume: boolean },
): Promise<Token> {
	const id = parseTokenText(input.text, input.kind === "register" ? "register_" : "verify_");
	const row = options.consume ? await options.store.tokens.take(input.appId, id) : await options.store.tokens.find(input.appId, id);
	checkLive(row && row.kind === input.kind ? row : null, input.appId, options.now);
	return row as Token;
}

/**
 * Atomically takes the ceremony state behind a `session_` token: of any number of concurrent calls with one
 * session, exactly one receives it.
 * @param input - the session text, the kind expected and the app
 * @param options - the store and "now"
 * @throws missing_token, invalid_token, invalid_token_format, expired_token
 */
export async function takeCeremony(
	input: { text: string | undefined; kind: Ceremony["kind"]; appId: string },
	options: { store: Store; now: Date },
): Promise<Ceremony> {
	const id = parseTokenText(input.text, "session_");
	const row = await options.store.ceremonies.take(input.appId, id);
	checkLive(row && row.kind === input.kind ? row : null, input.appId, options.now);
	return row as Ceremony;
}
