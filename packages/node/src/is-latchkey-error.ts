import { LatchkeyError } from "./latchkey-error.ts";
import type { LatchkeyErrorCode } from "./latchkey-error-code.ts";

/**
 * Narrows an unknown error to a {@link LatchkeyError}, optionally of one `errorCode` (and then narrows
 * `error.errorCode` to that code).
 * @param error - anything caught
 * @param errorCode - when given, the error must carry this code (a server code from docs/errors.md, a client code, or
 * a code of a newer server)
 * @returns true when `error` is a `LatchkeyError` (with that code)
 * @example
 * try {
 *   await latchkey.deleteCredential(id);
 * } catch (err) {
 *   if (!isLatchkeyError(err, "credential_not_found")) throw err; // already gone is fine
 * }
 */
export function isLatchkeyError<Code extends LatchkeyErrorCode = LatchkeyErrorCode>(
	error: unknown,
	errorCode?: Code,
): error is LatchkeyError & { readonly errorCode: Code } {
	return error instanceof LatchkeyError && (errorCode === undefined || error.errorCode === errorCode);
}
