/**
 * An `application/problem+json` body (RFC 9457) as Latchkey and Passwordless.dev write it. `errorCode` is the stable,
 * machine-readable code (see the server's docs/errors.md); `title` is fixed per code; `detail` explains this occurrence.
 * Other members pass through: `traceId`, `errors` (validation messages per field), `credentialId`, …
 * @example
 * const problem: ProblemDetails = { type: "https://docs.passwordless.dev/guide/errors.html#expired_token", title: "The token has expired.", status: 403, errorCode: "expired_token" };
 */
export interface ProblemDetails {
	type?: string;
	title?: string;
	status?: number;
	errorCode?: string | null;
	detail?: string;
	traceId?: string;
	errors?: Record<string, string[]>;
	[member: string]: unknown;
}
