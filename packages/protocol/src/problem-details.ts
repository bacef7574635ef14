/**
 * The `application/problem+json` body (RFC 9457) as Latchkey and Passwordless.dev write it.
 * `errorCode` is the stable machine-readable code; `type` and `title` are always non-null strings.
 */
export interface ProblemDetails {
	type: string;
	title: string;
	status: number;
	errorCode: string | null;
	detail?: string;
	traceId?: string;
	errors?: Record<string, string[]>;
	[extra: string]: unknown;
}

/** The exact content type of every error body (no charset parameter: several SDKs compare it with `===`). */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";
