import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildClientDataJSON } from "./build-client-data-json.ts";

const ORIGIN = "https://login.example.com";
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("buildClientDataJSON", () => {
	it("writes the members in the browser's order, crossOrigin false by default and no topOrigin", () => {
		assert.equal(
			text(buildClientDataJSON({ type: "webauthn.create", challenge: "c", origin: ORIGIN })),
			`{"type":"webauthn.create","challenge":"c","origin":"${ORIGIN}","crossOrigin":false}`,
		);
	});

	it("adds topOrigin after crossOrigin, as a cross-origin iframe's client data carries it", () => {
		const bytes = buildClientDataJSON({
			type: "webauthn.get",
			challenge: "c",
			origin: ORIGIN,
			crossOrigin: true,
			topOrigin: "https://partner.example.net",
		});
		assert.equal(
			text(bytes),
			`{"type":"webauthn.get","challenge":"c","origin":"${ORIGIN}","crossOrigin":true,"topOrigin":"https://partner.example.net"}`,
		);
	});
});
