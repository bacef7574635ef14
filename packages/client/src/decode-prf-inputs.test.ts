import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodePrfInputs } from "./decode-prf-inputs.ts";

describe("decodePrfInputs", () => {
	it("decodes eval.first and eval.second from base64url and keeps every other member", () => {
		const data = { challenge: "AQ", extensions: { credProps: true, prf: { eval: { first: "AQID", second: "-_8" } } } };
		assert.deepEqual(decodePrfInputs(data), {
			challenge: "AQ",
			extensions: { credProps: true, prf: { eval: { first: new Uint8Array([1, 2, 3]), second: new Uint8Array([251, 255]) } } },
		});
		assert.equal(data.extensions.prf.eval.first, "AQID", "the input is not modified");
	});

	it("returns options without a PRF evaluation unchanged", () => {
		const data = { challenge: "AQ", extensions: { prf: {} } };
		assert.equal(decodePrfInputs(data), data);
		assert.equal(decodePrfInputs(undefined), undefined);
	});
});
