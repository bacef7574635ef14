import { LatchkeyError } from "./latchkey-error.ts";

/**
 * Narrows an unknown error to a {@link LatchkeyError}, optionally of one `errorCode`.
 * @param error - anything caught
 * @param errorCode - when given, the error must carry this code (a server code from docs/errors.md or a client code)
 * @returns true when `error` is a `LatchkeyError` (with that code)
 * @example
 * try {
 *   await latchkey.deleteCredential(id);
 * } catch (err) {
 *   if (!isLatchkeyError(err, "credential_not_found")) throw err; // already gone is fine
 * }
 */
export function isLatchkeyError(error: unknown, errorCode?: string): error is LatchkeyError {
	return error instanceof LatchkeyError && (errorCode === undefined || error.errorCode === errorCode);
}
