import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CLIENT_ERRORS } from "./client-errors.ts";
import { clientProblem } from "./client-problem.ts";

describe("clientProblem", () => {
	it("builds a from: client problem with the code's fixed title", () => {
		assert.deepEqual(clientProblem("unsupported_browser"), {
			from: "client",
			errorCode: "unsupported_browser",
			title: CLIENT_ERRORS.unsupported_browser,
		});
	});

	it("keeps the cause and shows its message as detail", () => {
		const cause = new TypeError("Failed to fetch");
		assert.deepEqual(clientProblem("network_error", cause), {
			from: "client",
			errorCode: "network_error",
			title: CLIENT_ERRORS.network_error,
			cause,
			detail: "Failed to fetch",
		});
	});

	it("gives every code a distinct title", () => {
		assert.equal(new Set(Object.values(CLIENT_ERRORS)).size, Object.keys(CLIENT_ERRORS).length);
	});
});
