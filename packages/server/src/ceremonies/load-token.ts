import { PasskeyError } from "@latchkey/protocol";
import type { Ceremony, Store, Token } from "../store/store.ts";
import { humanizeAgo, parseTokenText } from "../tokens/token-text.ts";

function checkLive<Row extends { appId: string; expiresAt: Date }>(row: Row | null, appId: string, now: Date): asserts row is Row {
	if (!row || row.appId !== appId) throw ceremonyGone();
	if (row.expiresAt.getTime() < now.getTime()) {
		throw new PasskeyError("expired_token", { detail: `The token expired ${humanizeAgo(now.getTime() - row.expiresAt.getTime())} ago.` });
	}
}

/**
 * Finds a live register, sign-in or verify token of this app; with `consume`, atomically takes it (single use).
 * @param input - the token text, the kind expected and the app
 * @param options - the store, "now", and whether to consume it
 * @throws missing_token, invalid_token, invalid_token_format, expired_token
 */
export async function loadToken(
	input: { text: string | undefined; kind: "register" | "signin" | "verify"; appId: string },
	options: { store: Store; now: Date; consume: boolean },
): Promise<Token> {
	const id = parseTokenText(input.text, `${input.kind}_`);
	const row = options.consume ? await options.store.tokens.take(input.appId, id) : await options.store.tokens.find(input.appId, id);
	const token = row && row.kind === input.kind ? row : null;
	checkLive(token, input.appId, options.now);
	return token;
}

function isKind<Kind extends Ceremony["kind"]>(ceremony: Ceremony, kind: Kind): ceremony is Extract<Ceremony, { kind: Kind }> {
	return ceremony.kind === kind;
}

/**
 * Reads the ceremony behind a `session_` token and checks it (kind, app, expiry) without taking it: the ceremony's
 * finish takes it atomically with the step's other writes ({@link burnCeremony} takes it when the step fails).
 * @param input - the session text, the kind expected and the app
 * @param options - the store and "now"
 * @throws missing_token, invalid_token, invalid_token_format, expired_token
 */
export async function findCeremony<Kind extends Ceremony["kind"]>(
	input: { text: string | undefined; kind: Kind; appId: string },
	options: { store: Store; now: Date },
): Promise<Extract<Ceremony, { kind: Kind }>> {
	const id = parseTokenText(input.text, "session_");
	const row = await options.store.ceremonies.find(input.appId, id);
	const ceremony = row && isKind(row, input.kind) ? row : null;
	checkLive(ceremony, input.appId, options.now);
	return ceremony;
}

/** The error of a ceremony another request finished first (the same as for an unknown session). */
export function ceremonyGone(): PasskeyError {
	return new PasskeyError("invalid_token", { detail: "The token is unknown, was already used, or belongs to another application." });
}

/**
 * Runs a ceremony's step (its checks and its finish) and, when the step throws, takes the ceremony so that a session
 * stays single-use: a failed attempt uses it up as a successful one does. When another request had already taken it
 * (it finished or failed first), the answer is the one a used session gets, `invalid_token`, whatever this attempt's
 * own error was — as if the ceremony had been taken before the checks.
 * @param ceremony - the ceremony found by {@link findCeremony}
 * @param store - where to take it from
 * @param step - the checks and the finish
 */
export async function burnCeremonyOnFailure<T>(ceremony: Ceremony, store: Store, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		// When the store is down, the step's own error (service_unavailable) is the one to report.
		const tookIt = await store.ceremonies.take(ceremony.appId, ceremony.id).then(Boolean, () => true);
		throw tookIt ? error : ceremonyGone();
	}
}
