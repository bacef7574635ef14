import type { ErrorCode } from "@latchkey/protocol";
import { CLIENT_ERRORS, LatchkeyError } from "./latchkey-error.ts";
import type { LatchkeyErrorCode } from "./latchkey-error-code.ts";
import type { ProblemDetails } from "./problem-details.ts";
import { redactSecret } from "./redact-secret.ts";

/** Upstream answers some errors without `errorCode`; these are the codes Latchkey gives the same conditions. */
const UPSTREAM_TYPES: Record<string, ErrorCode> = { ApiKey: "invalid_api_key", ApiSecret: "invalid_api_secret", forbidden: "forbidden" };

/**
 * Turns a non-2xx answer into a {@link LatchkeyError}: the problem body (`application/problem+json` or
 * `application/json`) when there is one, else `invalid_response`. Strings are cleaned of the API secret.
 * @param answer - the HTTP status, the Content-Type header and the body text
 * @param secret - the API secret, to redact
 * @returns the error to throw
 * @example
 * throw errorFromResponse({ status: 403, contentType: "application/problem+json", text }, secret);
 */
export function errorFromResponse(answer: { status: number; contentType: string; text: string }, secret: string): LatchkeyError {
	const { status, contentType, text } = answer;
	const body = contentType === "" || contentType.includes("json") ? tryParse(text) : undefined;
	if (body === undefined) {
		const kind = text === "" ? "an empty body" : `a ${contentType.split(";")[0] || "body without Content-Type"}`;
		return new LatchkeyError({
			status,
			errorCode: "invalid_response",
			title: CLIENT_ERRORS.invalid_response,
			detail: `HTTP ${status} with ${kind} instead of problem details.`,
		});
	}
	const problem = redact(body, secret) as ProblemDetails;
	return new LatchkeyError({
		status,
		errorCode: codeOf(problem),
		title: typeof problem.title === "string" && problem.title !== "" ? problem.title : CLIENT_ERRORS.unknown,
		detail: typeof problem.detail === "string" ? problem.detail : undefined,
		problem,
	});
}

function tryParse(text: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

function codeOf(problem: ProblemDetails): LatchkeyErrorCode {
	if (typeof problem.errorCode === "string" && problem.errorCode !== "") return problem.errorCode;
	const fragment = typeof problem.type === "string" ? problem.type.split("#")[1] : undefined;
	if (fragment !== undefined && Object.hasOwn(UPSTREAM_TYPES, fragment)) return UPSTREAM_TYPES[fragment] as ErrorCode;
	if (typeof problem.errors === "object" && problem.errors !== null) return "invalid_request";
	return "unknown";
}

function redact(value: unknown, secret: string): unknown {
	if (typeof value === "string") return redactSecret(value, secret);
	if (Array.isArray(value)) return value.map((item) => redact(item, secret));
	if (typeof value === "object" && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, secret)]));
	}
	return value;
}
