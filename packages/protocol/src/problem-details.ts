import type { ErrorCode } from "./error-codes.ts";

/**
 * The `application/problem+json` body (RFC 9457) as Latchkey and Passwordless.dev write it.
 * `errorCode` is the stable machine-readable code; `type` and `title` are always non-null strings.
 *
 * `errorCode` is typed as a catalog {@link ErrorCode} or any other string: Latchkey only writes catalog codes, but a
 * reader (an SDK) may talk to a newer server whose catalog has codes this version does not know, and must carry them.
 * Upstream answers some errors with `errorCode: null`.
 * @example
 * const problem: ProblemDetails = { type: "https://docs.passwordless.dev/guide/errors.html#expired_token", title: "The token has expired.", status: 403, errorCode: "expired_token" };
 */
export interface ProblemDetails {
	type: string;
	title: string;
	status: number;
	errorCode: ErrorCode | (string & {}) | null;
	detail?: string;
	traceId?: string;
	errors?: Record<string, string[]>;
	[extra: string]: unknown;
}

/** The exact content type of every error body (no charset parameter: several SDKs compare it with `===`). */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";
