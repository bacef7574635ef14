import { type AcceptedCredentialsSignal, PasskeyError, type UserDetailsSignal } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { toBase64Url, utf8 } from "../encoding.ts";
import type { App } from "../store/store.ts";

/** The user handle Latchkey gives a user's passkeys (`/register/begin`'s `user.id`). */
function userHandleOf(userId: string): string {
	if (userId.trim() === "") throw new PasskeyError("missing_userid", { detail: "UserId is empty" });
	return toBase64Url(utf8(userId));
}

/**
 * The values for `signalAllAcceptedCredentials`: every passkey of the user scoped to the RP ID (the app's unless
 * given), so that the user's passkey provider can hide the ones deleted here. A user without passkeys gets an empty
 * list, which is a valid signal (hide them all).
 * @param input - the app, the userId and optionally the RP ID
 * @param deps - the store
 * @throws missing_userid
 * @example
 * await acceptedCredentialsSignal({ app, userId: "42", rpId: null }, deps); // { rpId: "example.com", userId: "NDI", allAcceptedCredentialIds: ["AQ…"] }
 */
export async function acceptedCredentialsSignal(
	input: { app: App; userId: string; rpId: string | null },
	deps: Pick<Deps, "store">,
): Promise<AcceptedCredentialsSignal> {
	const { app, userId } = input;
	const userHandle = userHandleOf(userId);
	const rpId = input.rpId ?? app.settings.rpId;
	const credentials = await deps.store.credentials.listByUser(app.id, userId);
	const allAcceptedCredentialIds = credentials.filter((c) => c.rpId === rpId).map((c) => c.credentialId);
	return { rpId, userId: userHandle, allAcceptedCredentialIds };
}

/**
 * The values for `signalCurrentUserDetails`. Latchkey does not keep users' names (they live in your user records
 * and reach Latchkey only inside register tokens), so the backend gives the current ones and Latchkey adds the RP ID
 * and the user handle its passkeys were created with.
 * @param input - the app, the userId, the current name and display name (@default the name) and optionally the RP ID
 * @throws missing_userid
 * @example
 * userDetailsSignal({ app, userId: "42", name: "ada@example.com", displayName: null, rpId: null });
 */
export function userDetailsSignal(input: {
	app: App;
	userId: string;
	name: string;
	displayName: string | null;
	rpId: string | null;
}): UserDetailsSignal {
	const { app, userId, name } = input;
	return { rpId: input.rpId ?? app.settings.rpId, userId: userHandleOf(userId), name, displayName: input.displayName || name };
}
