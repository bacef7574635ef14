import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { checkRequestParty, isOriginAllowed, normalizeOrigin } from "./origin-policy.ts";

const implicit = { rpId: "example.com", allowedOrigins: [] };

describe("isOriginAllowed", () => {
	it("allows https on the RP ID and its subdomains when no list is set", () => {
		for (const origin of ["https://example.com", "https://login.example.com", "https://example.com:8443", "HTTPS://EXAMPLE.COM"]) {
			assert.equal(isOriginAllowed(origin, implicit), true, origin);
		}
	});

	it("rejects look-alikes, http, paths and garbage when no list is set", () => {
		for (const origin of [
			"https://example.com.evil.io",
			"https://evilexample.com",
			"http://example.com",
			"https://example.com/",
			"https://example.com/login",
			"null",
			"",
			"android:apk-key-hash:x",
		]) {
			assert.equal(isOriginAllowed(origin, implicit), false, origin);
		}
	});

	it("allows http://localhost on any port only for the localhost RP ID", () => {
		assert.equal(isOriginAllowed("http://localhost:5173", { rpId: "localhost", allowedOrigins: [] }), true);
		assert.equal(isOriginAllowed("http://localhost", { rpId: "localhost", allowedOrigins: [] }), true);
		assert.equal(isOriginAllowed("http://localhost:5173", implicit), false);
		assert.equal(isOriginAllowed("http://127.0.0.1:5173", { rpId: "localhost", allowedOrigins: [] }), false);
	});

	it("matches an explicit list exactly, after dropping default ports", () => {
		const settings = { rpId: "example.com", allowedOrigins: ["https://example.com", "android:apk-key-hash:abc"] };
		assert.equal(isOriginAllowed("https://example.com:443", settings), true);
		assert.equal(isOriginAllowed("android:apk-key-hash:abc", settings), true);
		assert.equal(isOriginAllowed("https://login.example.com", settings), false);
		assert.equal(isOriginAllowed("android:apk-key-hash:abd", settings), false);
	});

	it("allows the app's related origins besides an explicit list or the RP ID's own origins", () => {
		const related = ["https://shop.example.co.uk"];
		assert.equal(isOriginAllowed("https://shop.example.co.uk", implicit), false);
		assert.equal(isOriginAllowed("https://shop.example.co.uk", { ...implicit, relatedOrigins: related }), true);
		assert.equal(isOriginAllowed("https://SHOP.example.co.uk:443", { ...implicit, relatedOrigins: related }), true);
		assert.equal(isOriginAllowed("https://login.example.com", { ...implicit, relatedOrigins: related }), true);
		const explicit = { rpId: "example.com", allowedOrigins: ["https://example.com"], relatedOrigins: related };
		assert.equal(isOriginAllowed("https://shop.example.co.uk", explicit), true);
		assert.equal(isOriginAllowed("https://example.com", explicit), true);
		for (const origin of ["https://www.shop.example.co.uk", "http://shop.example.co.uk", "https://shop.example.de"]) {
			assert.equal(isOriginAllowed(origin, explicit), false, origin);
		}
	});
});

describe("normalizeOrigin", () => {
	it("drops default ports and lower-cases, and leaves other strings as they are", () => {
		assert.equal(normalizeOrigin("HTTPS://Example.COM:443"), "https://example.com");
		assert.equal(normalizeOrigin("http://localhost:80"), "http://localhost");
		assert.equal(normalizeOrigin("android:apk-key-hash:AbC"), "android:apk-key-hash:AbC");
		assert.equal(normalizeOrigin("https://example.com/path"), "https://example.com/path");
	});
});

describe("checkRequestParty", () => {
	it("returns the normalised origin and the app's RP ID", () => {
		assert.deepEqual(checkRequestParty({ Origin: "https://example.com:443" }, implicit), {
			origin: "https://example.com",
			rpId: "example.com",
		});
	});

	it("throws missing_origin, origin_not_allowed and rp_id_not_allowed", () => {
		assert.throws(
			() => checkRequestParty({}, implicit),
			(e) => isPasskeyError(e, "missing_origin"),
		);
		assert.throws(
			() => checkRequestParty({ Origin: "https://evil.io" }, implicit),
			(e) => isPasskeyError(e, "origin_not_allowed"),
		);
		assert.throws(
			() => checkRequestParty({ Origin: "https://example.com", RPID: "evil.io" }, implicit),
			(e) => isPasskeyError(e, "rp_id_not_allowed"),
		);
	});
});
