import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redactSecret } from "./redact-secret.ts";

const SECRET = "shop:secret:0123456789abcdef0123456789abcdef";

describe("redactSecret", () => {
	it("replaces the whole secret, its start and any 8-character run of it", () => {
		assert.equal(redactSecret(`key ${SECRET} end`, SECRET), "key [redacted] end");
		assert.equal(redactSecret("started with 'shop:secre'", SECRET), "started with '[redacted]'");
		assert.equal(redactSecret("x 89abcdef0123 y", SECRET), "x [redacted] y");
	});

	it("leaves short runs and unrelated text alone", () => {
		assert.equal(redactSecret("The value of your 'ApiSecret' is not valid.", SECRET), "The value of your 'ApiSecret' is not valid.");
		assert.equal(redactSecret("shop is 0123", SECRET), "shop is 0123");
	});
});
