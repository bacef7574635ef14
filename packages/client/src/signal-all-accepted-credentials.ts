import type { AcceptedCredentialsSignal } from "@latchkey/protocol";
import { sendSignal } from "./send-signal.ts";

/**
 * The argument of {@link signalAllAcceptedCredentials} (WebAuthn L3 `AllAcceptedCredentialsOptions`): what
 * `@latchkey/node`'s `getAcceptedCredentialsSignal(userId)` returns (`GET /signals/accepted-credentials`).
 */
export type AllAcceptedCredentialsOptions = AcceptedCredentialsSignal;

/**
 * Tells the browser's passkey provider which passkeys of a user the server still accepts, so it can hide the others
 * (after a passkey was deleted on the server). Send it after a sign-in or on the page that lists passkeys.
 * @param options - `rpId`, `userId` (user handle) and `allAcceptedCredentialIds`, as your backend got them
 * @returns `true` when the signal was sent, `false` when the browser has no Signal API (a no-op)
 * @throws the browser's `SecurityError` or `TypeError`
 * @example
 * import { signalAllAcceptedCredentials } from "@latchkey/client/signals";
 * await signalAllAcceptedCredentials(await (await fetch("/api/passkey-signals/accepted")).json());
 */
export function signalAllAcceptedCredentials(options: AllAcceptedCredentialsOptions): Promise<boolean> {
	const { rpId, userId, allAcceptedCredentialIds } = options;
	return sendSignal("signalAllAcceptedCredentials", { rpId, userId, allAcceptedCredentialIds });
}
