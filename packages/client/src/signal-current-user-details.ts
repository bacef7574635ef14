import type { UserDetailsSignal } from "@latchkey/protocol";
import { sendSignal } from "./send-signal.ts";

/**
 * The argument of {@link signalCurrentUserDetails} (WebAuthn L3 `CurrentUserDetailsOptions`): what
 * `@latchkey/node`'s `getUserDetailsSignal(userId, { name, displayName })` returns (`GET /signals/user-details`).
 */
export type CurrentUserDetailsOptions = UserDetailsSignal;

/**
 * Tells the browser's passkey provider the user's current name and display name, so its passkey list follows a
 * rename of the account.
 * @param options - `rpId`, `userId` (user handle), `name` and `displayName`, as your backend got them
 * @returns `true` when the signal was sent, `false` when the browser has no Signal API (a no-op)
 * @throws the browser's `SecurityError` or `TypeError`
 * @example
 * import { signalCurrentUserDetails } from "@latchkey/client/signals";
 * await signalCurrentUserDetails(await (await fetch("/api/passkey-signals/user")).json());
 */
export function signalCurrentUserDetails(options: CurrentUserDetailsOptions): Promise<boolean> {
	const { rpId, userId, name, displayName } = options;
	return sendSignal("signalCurrentUserDetails", { rpId, userId, name, displayName });
}
