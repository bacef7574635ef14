import { CLIENT_ERRORS, type ClientErrorCode } from "./client-errors.ts";
import type { ProblemDetails } from "./problem-details.ts";

/**
 * Builds the `from: "client"` problem for a client error code, keeping the original exception as `cause`.
 * @param errorCode - one of {@link CLIENT_ERRORS}
 * @param cause - the exception behind it; its `message` becomes `detail`
 * @returns the problem details
 * @example
 * clientProblem("network_error", new TypeError("Failed to fetch"));
 * // { from: "client", errorCode: "network_error", title: "Server unreachable", detail: "Failed to fetch", cause: … }
 */
export function clientProblem(errorCode: ClientErrorCode, cause?: unknown): ProblemDetails {
	const problem: ProblemDetails = { from: "client", errorCode, title: CLIENT_ERRORS[errorCode] };
	if (cause !== undefined) {
		problem.cause = cause;
		problem.detail = String((cause as { message?: unknown } | null)?.message ?? cause);
	}
	return problem;
}
