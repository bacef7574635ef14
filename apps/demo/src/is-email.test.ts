import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isEmail } from "./is-email.ts";

describe("isEmail", () => {
	it("accepts complete addresses", () => {
		for (const value of ["ada@example.com", "a.b+tag@mail.example.co.jp", "x@y.io"]) assert.equal(isEmail(value), true, value);
	});

	it("rejects what is still being typed", () => {
		for (const value of ["", "ada", "ada@", "ada@example", "ada@example.", "ada@example.c", "ada @example.com", "@example.com"]) {
			assert.equal(isEmail(value), false, value);
		}
	});
});
