import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { seededRandom } from "../random.ts";
import { humanizeAgo, newTokenText, parseTokenText, tokenId } from "./token-text.ts";

describe("token text", () => {
	it("makes URL-safe tokens with the prefix and parses them back to their id", () => {
		const text = newTokenText("verify_", seededRandom("t"));
		assert.match(text, /^verify_[A-Za-z0-9_-]{43}$/);
		assert.equal(parseTokenText(text, "verify_"), tokenId(text));
		assert.equal(parseTokenText(`VERIFY_${text.slice(7)}`, "verify_"), tokenId(text), "prefixes match case-insensitively");
	});

	it("names what is wrong with a token", () => {
		assert.throws(
			() => parseTokenText(undefined, "verify_"),
			(e) => isPasskeyError(e, "missing_token"),
		);
		assert.throws(
			() => parseTokenText("register_x", "verify_"),
			(e) => isPasskeyError(e, "invalid_token") && /start with 'verify_'/.test(e.detail ?? ""),
		);
		assert.throws(
			() => parseTokenText("verify_short", "verify_"),
			(e) => isPasskeyError(e, "invalid_token_format"),
		);
	});

	it("humanizes durations like upstream", () => {
		assert.equal(humanizeAgo(1000), "1 second");
		assert.equal(humanizeAgo(45_000), "45 seconds");
		assert.equal(humanizeAgo(120_000), "2 minutes");
		assert.equal(humanizeAgo(3 * 3600_000), "3 hours");
		assert.equal(humanizeAgo(72 * 3600_000), "3 days");
	});
});
