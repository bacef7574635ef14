import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isLatchkeyError } from "./is-latchkey-error.ts";
import { LatchkeyError } from "./latchkey-error.ts";

describe("isLatchkeyError", () => {
	const error = new LatchkeyError({ status: 404, errorCode: "credential_not_found", title: "Credential not found" });

	it("narrows a LatchkeyError, with or without a code", () => {
		assert.equal(isLatchkeyError(error), true);
		assert.equal(isLatchkeyError(error, "credential_not_found"), true);
		assert.equal(isLatchkeyError(error, "expired_token"), false);
	});

	it("narrows errorCode to the code asked for, and carries codes of a newer server", () => {
		const caught: unknown = error;
		if (isLatchkeyError(caught, "credential_not_found")) {
			const code: "credential_not_found" = caught.errorCode; // a type error if the narrowing were lost
			assert.equal(code, "credential_not_found");
		} else assert.fail("not narrowed");
		const newer = new LatchkeyError({ status: 400, errorCode: "code_of_a_newer_server", title: "New" });
		assert.equal(isLatchkeyError(newer, "code_of_a_newer_server"), true);
	});

	it("refuses other errors and look-alikes", () => {
		assert.equal(isLatchkeyError(new Error("x")), false);
		assert.equal(isLatchkeyError({ name: "LatchkeyError", errorCode: "credential_not_found" }, "credential_not_found"), false);
		assert.equal(isLatchkeyError(undefined), false);
	});
});

describe("LatchkeyError", () => {
	it("is an Error named LatchkeyError whose message joins title and detail", () => {
		const withDetail = new LatchkeyError({
			status: 403,
			errorCode: "expired_token",
			title: "The token has expired.",
			detail: "2 minutes ago.",
		});
		assert.ok(withDetail instanceof Error);
		assert.equal(withDetail.name, "LatchkeyError");
		assert.equal(withDetail.message, "The token has expired. 2 minutes ago.");
		assert.equal(
			new LatchkeyError({ status: 404, errorCode: "credential_not_found", title: "Credential not found" }).message,
			"Credential not found",
		);
	});
});
