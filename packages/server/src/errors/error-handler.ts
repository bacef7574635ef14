import { PasskeyError, PROBLEM_CONTENT_TYPE } from "@latchkey/protocol";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { toProblem } from "./to-problem.ts";

interface ValidationIssue {
	instancePath?: string;
	message?: string;
	params?: Record<string, unknown>;
}

/** Collects Ajv validation issues into upstream's `errors` map: `{ "<camelCaseField>": ["message"] }`. */
function validationErrors(issues: ValidationIssue[]): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	for (const issue of issues) {
		const missing = issue.params?.missingProperty;
		const path = (issue.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
		const field = typeof missing === "string" ? (path ? `${path}.${missing}` : missing) : path || "body";
		const message =
			typeof missing === "string" ? `The ${missing} field is required.` : `The ${field} field ${issue.message ?? "is not valid"}.`;
		const list = errors[field] ?? [];
		list.push(message);
		errors[field] = list;
	}
	return errors;
}

/** Maps framework errors (body parsing, validation, size) to catalog errors. */
function fromFrameworkError(error: FastifyError): PasskeyError {
	if (error.validation) {
		const errors = validationErrors(error.validation as ValidationIssue[]);
		const first = Object.values(errors)[0]?.[0];
		return new PasskeyError("invalid_request", { ...(first ? { detail: first } : {}), extras: { errors } });
	}
	switch (error.code) {
		case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
			return new PasskeyError("unsupported_media_type", { detail: "Send the body as Content-Type: application/json." });
		case "FST_ERR_CTP_BODY_TOO_LARGE":
			return new PasskeyError("payload_too_large", { detail: "The request body is larger than the server accepts." });
		case "FST_ERR_CTP_EMPTY_JSON_BODY":
			return new PasskeyError("invalid_json", { detail: "The body is empty; send a JSON object." });
		case "FST_ERR_CTP_INVALID_JSON_BODY":
			return new PasskeyError("invalid_json", { detail: error.message });
	}
	if (error instanceof SyntaxError || /JSON/.test(error.message)) return new PasskeyError("invalid_json", { detail: error.message });
	if (error.statusCode === 413) return new PasskeyError("payload_too_large");
	if (error.statusCode === 415) return new PasskeyError("unsupported_media_type");
	return new PasskeyError("invalid_request", { detail: error.message });
}

/**
 * The one error handler: `PasskeyError` → its problem (a store's `service_unavailable` → 503 with `Retry-After`);
 * framework 4xx → `invalid_request`/`invalid_json`/…; anything else → 500 `internal_error`, logged with the request
 * id and never leaking the message.
 */
export function problemErrorHandler(error: FastifyError | PasskeyError, request: FastifyRequest, reply: FastifyReply): void {
	let passkeyError: PasskeyError;
	if (error instanceof PasskeyError) {
		passkeyError = error;
		if (error.status < 500) request.log.info({ errorCode: error.code, statusCode: error.status }, "refused");
		if (error.code === "service_unavailable") request.log.warn({ err: error.cause ?? error }, error.code);
		else if (error.status >= 500) request.log.error({ err: error.cause ?? error }, error.code);
	} else if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
		passkeyError = fromFrameworkError(error);
	} else {
		request.log.error({ err: error }, "unhandled error");
		passkeyError = new PasskeyError("internal_error", { detail: "The api has encountered an error" });
	}
	sendProblem(reply, passkeyError, request.id);
}

/** Writes a problem body with the exact `application/problem+json` content type. */
export function sendProblem(reply: FastifyReply, error: PasskeyError, traceId: string): void {
	if (error.code === "invalid_api_key") reply.header("www-authenticate", "ApiKey");
	if (error.code === "invalid_api_secret") reply.header("www-authenticate", "ApiSecret");
	// The database is out of reach for now; clients and load balancers may try again (another node, or shortly).
	if (error.code === "service_unavailable") reply.header("retry-after", "1");
	// A quota or a mail server that asks to be tried later says when, in the problem and in the header.
	const retryAfter = error.extras?.retryAfter;
	if (typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
	reply.code(error.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(toProblem(error, traceId));
}
