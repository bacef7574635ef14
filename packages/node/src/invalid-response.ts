import { CLIENT_ERRORS, LatchkeyError } from "./latchkey-error.ts";

/**
 * The error for an answer that is not the shape its route promises (a 2xx answer by default).
 * @param detail - what was wrong, without secrets
 * @param status - the HTTP status of the answer
 * @returns an `invalid_response` {@link LatchkeyError}
 * @example
 * if (!Array.isArray(body.values)) throw invalidResponse("values is not an array.");
 */
export function invalidResponse(detail: string, status = 200): LatchkeyError {
	return new LatchkeyError({ status, errorCode: "invalid_response", title: CLIENT_ERRORS.invalid_response, detail });
}
