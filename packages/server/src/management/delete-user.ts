import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import type { App } from "../store/store.ts";

/**
 * `POST /users/delete`: removes the user's passkeys and aliases. A user with neither is not an error (upstream).
 * @param input - the app and the user id
 * @param deps - the store
 * @returns the event to record (with how many passkeys and aliases went)
 * @throws missing_userid for an empty or blank userId
 * @example
 * const event = await deleteUser({ app, userId: "42" }, deps);
 */
export async function deleteUser(input: { app: App; userId: string }, deps: Pick<Deps, "store">): Promise<RouteEvent> {
	const { app, userId } = input;
	if (userId.trim() === "") throw new PasskeyError("missing_userid", { detail: "UserId is empty" });
	const removed = await deps.store.credentials.deleteUser(app.id, userId);
	return { eventType: "ApiUserDeleted", userId, credentials: removed.credentials, aliases: removed.aliases };
}
