import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pickLocale } from "./locale.ts";

describe("pickLocale", () => {
	it("follows the first browser language the demo has", () => {
		assert.equal(pickLocale(["ja-JP", "en-US"], null), "ja");
		assert.equal(pickLocale(["fr-FR", "ja"], null), "ja");
		assert.equal(pickLocale(["en-GB", "ja"], null), "en");
	});

	it("falls back to English", () => {
		assert.equal(pickLocale(["de-DE"], null), "en");
		assert.equal(pickLocale([], null), "en");
	});

	it("prefers the user's own choice", () => {
		assert.equal(pickLocale(["ja-JP"], "en"), "en");
		assert.equal(pickLocale(["en-US"], "ja"), "ja");
		assert.equal(pickLocale(["ja-JP"], "xx"), "ja");
	});
});
