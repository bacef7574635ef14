import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "./app-error.ts";
import { parseEmail } from "./parse-email.ts";

describe("parseEmail", () => {
	it("trims and lower-cases the address", () => {
		assert.equal(parseEmail({ email: "  Ada@Example.COM " }), "ada@example.com");
	});

	it("refuses a missing, non-string, malformed or overlong address with invalid_input", () => {
		for (const body of [null, {}, { email: 42 }, { email: "ada" }, { email: "ada@localhost" }, { email: `${"a".repeat(250)}@x.io` }]) {
			assert.throws(
				() => parseEmail(body),
				(error: unknown) => error instanceof AppError && error.code === "invalid_input" && error.status === 400,
			);
		}
	});
});
