import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeOptionsJSON } from "./normalize-options-json.ts";

describe("normalizeOptionsJSON", () => {
	it("drops Cognito's empty allowCredentials from its JSON text and keeps everything else as JSON", () => {
		const cognito = JSON.stringify({
			challenge: "+/8=",
			rpId: "example.com",
			allowCredentials: [],
			userVerification: "required",
			timeout: 180000,
		});
		assert.deepEqual(normalizeOptionsJSON(cognito), {
			challenge: "-_8",
			rpId: "example.com",
			userVerification: "required",
			timeout: 180000,
		});
	});

	it("writes descriptor ids and user.id as base64url from base64, base64url or bytes, and unwraps publicKey", () => {
		const request = normalizeOptionsJSON({
			publicKey: { challenge: new Uint8Array([1, 2, 3]), allowCredentials: [{ type: "public-key", id: "+/8", transports: ["internal"] }] },
		});
		assert.deepEqual(request, { challenge: "AQID", allowCredentials: [{ type: "public-key", id: "-_8", transports: ["internal"] }] });
		const creation = normalizeOptionsJSON({
			challenge: new Uint8Array([251, 255]).buffer,
			user: { id: "dXNlcg==", name: "ada", displayName: "Ada" },
			excludeCredentials: null,
		});
		assert.deepEqual(creation, { challenge: "-_8", user: { id: "dXNlcg", name: "ada", displayName: "Ada" } });
	});

	it("leaves its input untouched and refuses text that is not JSON", () => {
		const input = { challenge: "AQID", allowCredentials: [] };
		normalizeOptionsJSON(input);
		assert.deepEqual(input, { challenge: "AQID", allowCredentials: [] });
		assert.throws(() => normalizeOptionsJSON("{nope"), SyntaxError);
	});
});
