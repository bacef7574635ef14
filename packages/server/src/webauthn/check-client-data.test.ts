import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ErrorCode, isPasskeyError } from "@latchkey/protocol";
import { buildClientDataJSON, encodeBase64Url } from "@latchkey/testing";
import { checkClientData } from "./check-client-data.ts";

const ORIGIN = "https://shop.example";
const CHALLENGE = "c2Vzc2lvbi1jaGFsbGVuZ2U";
const expected = { type: "webauthn.get", challenge: CHALLENGE, origin: ORIGIN } as const;

/** clientDataJSON as a browser sends it (base64url), with some members replaced. */
const clientData = (members: Partial<{ type: string; challenge: string; origin: string }> = {}): string =>
	encodeBase64Url(buildClientDataJSON({ type: "webauthn.get", challenge: CHALLENGE, origin: ORIGIN, ...members }));
const encodeText = (text: string): string => encodeBase64Url(new TextEncoder().encode(text));
const fails = (code: ErrorCode) => (error: unknown) => isPasskeyError(error, code);

describe("checkClientData", () => {
	it("returns the type, challenge and origin of client data that match the ceremony", () => {
		assert.deepEqual(checkClientData(clientData(), expected), { type: "webauthn.get", challenge: CHALLENGE, origin: ORIGIN });
	});

	it("accepts standard base64 with padding as well as base64url", () => {
		const text = JSON.stringify({ type: "webauthn.get", challenge: CHALLENGE, origin: ORIGIN, pad: "?>" });
		const standard = btoa(text);
		assert.match(standard, /[+/=]/);
		assert.equal(checkClientData(standard, expected).origin, ORIGIN);
	});

	it("compares the origin after normalising it: case and the default port do not matter", () => {
		assert.equal(checkClientData(clientData({ origin: "HTTPS://Shop.Example:443" }), expected).origin, "HTTPS://Shop.Example:443");
	});

	it("rejects a ceremony type that is not this ceremony's (wrong_ceremony_type)", () => {
		assert.throws(() => checkClientData(clientData({ type: "webauthn.create" }), expected), fails("wrong_ceremony_type"));
		assert.throws(() => checkClientData(clientData(), { ...expected, type: "webauthn.create" }), fails("wrong_ceremony_type"));
	});

	it("rejects another session's challenge, and one that differs only in case (challenge_mismatch)", () => {
		assert.throws(() => checkClientData(clientData({ challenge: "b3RoZXI" }), expected), fails("challenge_mismatch"));
		assert.throws(() => checkClientData(clientData({ challenge: CHALLENGE.toLowerCase() }), expected), fails("challenge_mismatch"));
	});

	it("rejects an origin other than the request's: another site, a subdomain, http (origin_mismatch)", () => {
		for (const origin of ["https://evil.example", "https://login.shop.example", "http://shop.example", "null"]) {
			assert.throws(() => checkClientData(clientData({ origin }), expected), fails("origin_mismatch"), origin);
		}
	});

	it("rejects text that is not base64, bytes that are not UTF-8, and UTF-8 that is not JSON (malformed_response)", () => {
		for (const encoded of ["%%%", "a", encodeBase64Url(new Uint8Array([0x7b, 0xff, 0x7d])), encodeText("{not json")]) {
			assert.throws(() => checkClientData(encoded, expected), fails("malformed_response"), encoded);
		}
	});

	it("rejects JSON that lacks type, challenge or origin, or has them of the wrong kind (malformed_response)", () => {
		const full = { type: "webauthn.get", challenge: CHALLENGE, origin: ORIGIN };
		for (const value of [null, 7, "text", [], { ...full, type: undefined }, { ...full, challenge: 1 }, { ...full, origin: null }]) {
			assert.throws(() => checkClientData(encodeText(JSON.stringify(value)), expected), fails("malformed_response"), JSON.stringify(value));
		}
	});

	describe("an embedded ceremony (crossOrigin, topOrigin)", () => {
		const TOP = "https://partner.example.net";
		const framed = (members: Record<string, unknown>): string =>
			encodeText(JSON.stringify({ type: "webauthn.get", challenge: CHALLENGE, origin: ORIGIN, ...members }));

		it("passes same-origin client data whatever the allow list, crossOrigin false or absent", () => {
			assert.equal(checkClientData(framed({ crossOrigin: false }), expected).origin, ORIGIN);
			assert.equal(checkClientData(framed({}), { ...expected, allowedTopOrigins: [] }).origin, ORIGIN);
		});

		it("refuses a cross-origin iframe by default, and a top origin that is not listed (top_origin_not_allowed)", () => {
			assert.throws(() => checkClientData(framed({ crossOrigin: true, topOrigin: TOP }), expected), fails("top_origin_not_allowed"));
			const listed = { ...expected, allowedTopOrigins: [TOP] };
			for (const topOrigin of ["https://evil.example", "http://partner.example.net", "https://sub.partner.example.net", "null"]) {
				assert.throws(() => checkClientData(framed({ crossOrigin: true, topOrigin }), listed), fails("top_origin_not_allowed"), topOrigin);
			}
		});

		it("accepts a listed top origin after normalising it", () => {
			const listed = { ...expected, allowedTopOrigins: [TOP] };
			assert.equal(checkClientData(framed({ crossOrigin: true, topOrigin: TOP }), listed).origin, ORIGIN);
			assert.equal(checkClientData(framed({ crossOrigin: true, topOrigin: "HTTPS://Partner.Example.Net:443" }), listed).origin, ORIGIN);
		});

		it("refuses crossOrigin true without a topOrigin, and a topOrigin that is not a string, even with a list", () => {
			const listed = { ...expected, allowedTopOrigins: [TOP] };
			assert.throws(() => checkClientData(framed({ crossOrigin: true }), listed), fails("top_origin_not_allowed"));
			assert.throws(() => checkClientData(framed({ crossOrigin: true, topOrigin: null }), listed), fails("top_origin_not_allowed"));
		});

		it("checks a topOrigin sent without crossOrigin too", () => {
			assert.throws(() => checkClientData(framed({ topOrigin: TOP }), expected), fails("top_origin_not_allowed"));
			assert.equal(checkClientData(framed({ topOrigin: TOP }), { ...expected, allowedTopOrigins: [TOP] }).origin, ORIGIN);
		});
	});
});
