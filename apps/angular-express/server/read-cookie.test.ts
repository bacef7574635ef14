import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readCookie } from "./read-cookie.ts";

describe("readCookie", () => {
	it("finds one cookie by its exact name and decodes it", () => {
		assert.equal(readCookie("a=1; lk_session=ey%2Fx; lk_session_old=2", "lk_session"), "ey/x");
		assert.equal(readCookie("xlk_session=1", "lk_session"), undefined);
	});

	it("answers undefined without a header, and for a badly encoded value", () => {
		assert.equal(readCookie(undefined, "lk_session"), undefined);
		assert.equal(readCookie("lk_session=%E0%A4%A", "lk_session"), undefined);
	});
});
