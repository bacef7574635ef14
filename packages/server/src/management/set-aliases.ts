import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { hashAlias } from "../domain/alias-hash.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import type { App } from "../store/store.ts";

/**
 * `POST /alias`: replaces all of a user's aliases (an empty list removes them), hashed unless `hashing` is false.
 * @param input - the app, the user, the aliases and whether to keep only their hashes
 * @param deps - the store
 * @returns the event to record
 * @throws missing_userid, alias_conflict when an alias belongs to another user of the app
 */
export async function setAliases(
	input: { app: App; userId: string; aliases: string[]; hashing: boolean },
	deps: Pick<Deps, "store">,
): Promise<RouteEvent> {
	if (input.userId.trim() === "") throw new PasskeyError("missing_userid", { detail: "UserId is empty" });
	const unique = [...new Set(input.aliases)];
	await deps.store.aliases.replaceForUser(
		input.app.id,
		input.userId,
		unique.map((alias) => ({ hash: hashAlias(input.app.id, alias), plaintext: input.hashing ? null : alias })),
	);
	return { eventType: "ApiUserSetAliases", userId: input.userId, count: input.aliases.length };
}
