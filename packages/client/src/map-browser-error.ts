import type { ClientErrorCode } from "./client-errors.ts";
import { clientProblem } from "./client-problem.ts";
import type { ProblemDetails } from "./problem-details.ts";

/**
 * A `NotAllowedError` this soon after a discoverable `get()` started cannot be a person dismissing a prompt: the
 * browser refused on its own, which it does when no passkey of the site is available (no resident credential, or a
 * security key that cannot hold one).
 */
export const NO_PASSKEY_WINDOW_MS = 500;

/** What the caller knows about the ceremony that failed. */
export interface BrowserErrorContext {
	/** `get()` ran without `allowCredentials` (discoverable, username-less); @default false */
	discoverable?: boolean;
	/** milliseconds between calling `get()`/`create()` and the rejection; @default Infinity */
	elapsedMs?: number;
}

const BY_NAME: Record<string, ClientErrorCode> = {
	AbortError: "ceremony_aborted",
	InvalidStateError: "authenticator_already_registered",
	SecurityError: "security_error",
	NotSupportedError: "unsupported_browser",
};

/**
 * Maps what `navigator.credentials.create`/`get` threw to a stable `from: "client"` problem, by the exception's
 * `name` (never its message, which differs between browsers and languages). The exception is kept as `cause`.
 *
 * `NotAllowedError` means "cancelled, timed out, or not allowed" in every browser. It becomes `no_passkey_for_site`
 * only for a discoverable request refused within {@link NO_PASSKEY_WINDOW_MS}; otherwise `user_cancelled`. Browsers
 * that show their own "no passkeys" sheet (desktop Chrome, Safari) report it only after the user closes that sheet,
 * which is indistinguishable from a cancel, so such cases come back as `user_cancelled`.
 *
 * @param error - what the WebAuthn call threw
 * @param context - whether the request was discoverable and how long it ran; @default {}
 * @returns the problem details
 * @example
 * const started = performance.now();
 * try {
 * 	await navigator.credentials.get({ publicKey });
 * } catch (error) {
 * 	const problem = mapBrowserError(error, { discoverable: !publicKey.allowCredentials, elapsedMs: performance.now() - started });
 * 	if (problem.errorCode === "no_passkey_for_site") offerRegistration();
 * }
 */
export function mapBrowserError(error: unknown, context: BrowserErrorContext = {}): ProblemDetails {
	const name = String((error as { name?: unknown } | null)?.name);
	const code =
		name === "NotAllowedError"
			? context.discoverable && (context.elapsedMs ?? Infinity) < NO_PASSKEY_WINDOW_MS
				? "no_passkey_for_site"
				: "user_cancelled"
			: (Object.hasOwn(BY_NAME, name) && BY_NAME[name]) || "unknown";
	return clientProblem(code, error);
}
