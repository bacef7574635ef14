import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import { canonicalBase64Url } from "../encoding.ts";
import type { App } from "../store/store.ts";

/**
 * `POST /credentials/delete`: removes one passkey of the app, by its id in base64url or standard base64.
 * @param input - the app and the credential id as sent
 * @param deps - the store
 * @returns the event to record (whose passkey it was)
 * @throws credential_not_found when the app has no such passkey (upstream answered 500)
 * @example
 * const event = await deleteCredential({ app, credentialId: "AQID" }, deps);
 */
export async function deleteCredential(input: { app: App; credentialId: string }, deps: Pick<Deps, "store">): Promise<RouteEvent> {
	const id = canonicalBase64Url(input.credentialId);
	const deleted = id ? await deps.store.credentials.delete(input.app.id, id) : null;
	if (!deleted) throw new PasskeyError("credential_not_found", { detail: "This application has no credential with that id." });
	return { eventType: "ApiUserDeleteCredential", userId: deleted.userId, credentialId: deleted.credentialId };
}
