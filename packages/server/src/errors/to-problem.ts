import { ERROR_CODES, type PasskeyError, type ProblemDetails } from "@latchkey/protocol";

const UPSTREAM_TYPE = "https://docs.passwordless.dev/guide/errors.html#";
const LATCHKEY_TYPE = "urn:latchkey:error:";
const VALIDATION_TYPE = "https://tools.ietf.org/html/rfc9110#section-15.5.1";

/**
 * Turns a {@link PasskeyError} into the problem body that goes on the wire.
 * Upstream codes keep the Passwordless.dev `type` URL; Latchkey's own codes use a `urn:latchkey:error:` type.
 * @param error - the error
 * @param traceId - the request id
 */
export function toProblem(error: PasskeyError, traceId: string): ProblemDetails {
	const entry = ERROR_CODES[error.code];
	const type = error.code === "invalid_request" ? VALIDATION_TYPE : (entry.upstream ? UPSTREAM_TYPE : LATCHKEY_TYPE) + error.code;
	const problem: ProblemDetails = { type, title: error.title, status: error.status, errorCode: error.code };
	if (error.detail !== undefined) problem.detail = error.detail;
	if (error.extras) Object.assign(problem, error.extras);
	problem.traceId = traceId;
	return problem;
}
