import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CredentialJSON } from "./credential-to-json.ts";
import { splitPrfOutputs } from "./split-prf-outputs.ts";

const credential = (clientExtensionResults: Record<string, unknown>): CredentialJSON => ({
	id: "AQ",
	rawId: "AQ",
	type: "public-key",
	authenticatorAttachment: "platform",
	clientExtensionResults: clientExtensionResults as AuthenticationExtensionsClientOutputs,
	response: {},
});

describe("splitPrfOutputs", () => {
	it("keeps the results (toJSON's base64url) for the page and posts only prf.enabled", () => {
		const { response, prf } = splitPrfOutputs(credential({ credProps: { rk: true }, prf: { enabled: true, results: { first: "AQID" } } }));
		assert.deepEqual(prf, { enabled: true, results: { first: "AQID" } });
		assert.deepEqual(response.clientExtensionResults, { credProps: { rk: true }, prf: { enabled: true } });
	});

	it("encodes ArrayBuffer results (browsers without toJSON) and reports a sign-in's results as PRF support", () => {
		const first = new Uint8Array([1, 2, 3]).buffer;
		const second = new Uint8Array([251, 255]);
		const { response, prf } = splitPrfOutputs(credential({ prf: { results: { first, second } } }));
		assert.deepEqual(prf, { results: { first: "AQID", second: "-_8" } });
		assert.deepEqual(response.clientExtensionResults, { prf: { enabled: true } });
	});

	it("posts no prf member when the passkey does not support PRF", () => {
		const { response, prf } = splitPrfOutputs(credential({ prf: { enabled: false } }));
		assert.deepEqual(prf, { enabled: false });
		assert.deepEqual(response.clientExtensionResults, {});
	});

	it("leaves a credential without PRF outputs as it is", () => {
		const input = credential({ credProps: { rk: true } });
		assert.deepEqual(splitPrfOutputs(input), { response: input, prf: undefined });
	});
});
