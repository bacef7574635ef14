import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { errorFromResponse } from "./error-from-response.ts";

const SECRET = "shop:secret:0123456789abcdef0123456789abcdef";
const problemOf = (status: number, body: unknown, contentType = "application/problem+json") =>
	errorFromResponse({ status, contentType, text: JSON.stringify(body) }, SECRET);

describe("errorFromResponse", () => {
	it("takes errorCode, title, detail and the whole body from a problem", () => {
		const body = {
			type: "t",
			title: "We don't recognize the passkey you sent us.",
			status: 400,
			errorCode: "unknown_credential",
			credentialId: "AAEC",
		};
		const error = problemOf(400, body);
		assert.equal(error.errorCode, "unknown_credential");
		assert.equal(error.title, body.title);
		assert.equal(error.detail, undefined);
		assert.deepEqual(error.problem, body);
	});

	it("gives upstream's code-less 401, 403 and validation problems Latchkey's codes", () => {
		const base = "https://docs.passwordless.dev/guide/errors.html";
		assert.equal(
			problemOf(401, { type: `${base}#ApiSecret`, title: "A valid 'ApiSecret' header is required." }).errorCode,
			"invalid_api_secret",
		);
		assert.equal(problemOf(401, { type: `${base}#ApiKey`, title: "x" }).errorCode, "invalid_api_key");
		assert.equal(problemOf(403, { type: `${base}#forbidden`, title: "x", errorCode: null }).errorCode, "forbidden");
		const validation = {
			type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
			title: "One or more validation errors occurred.",
			errors: { userId: ["required"] },
		};
		assert.equal(problemOf(400, validation).errorCode, "invalid_request");
	});

	it("answers unknown for a problem without a code, and for a #constructor type", () => {
		assert.equal(
			problemOf(403, { type: "https://x#", title: "The 'POST /signin/generate-token' endpoint is disabled", errorCode: null }).errorCode,
			"unknown",
		);
		assert.equal(problemOf(400, { type: "https://x#constructor", title: "t" }).errorCode, "unknown");
	});

	it("falls back to a fixed title when the body has none", () => {
		assert.equal(problemOf(500, { status: 500 }).title, "The Latchkey server answered with an error.");
	});

	it("reads a JSON body without Content-Type but refuses HTML and JSON arrays", () => {
		assert.equal(problemOf(409, { errorCode: "alias_conflict", title: "t" }, "").errorCode, "alias_conflict");
		assert.equal(errorFromResponse({ status: 502, contentType: "text/html", text: "<h1>502</h1>" }, SECRET).errorCode, "invalid_response");
		assert.equal(problemOf(400, ["a"]).errorCode, "invalid_response");
		assert.equal(errorFromResponse({ status: 400, contentType: "application/json", text: "{" }, SECRET).errorCode, "invalid_response");
	});

	it("redacts the secret from every string of the problem", () => {
		const error = problemOf(401, { title: "t", detail: `It started with: '${SECRET.slice(0, 10)}'`, nested: { again: [SECRET] } });
		assert.equal(error.detail, "It started with: '[redacted]'");
		assert.deepEqual(error.problem?.nested, { again: ["[redacted]"] });
	});
});
