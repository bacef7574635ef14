import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as protocol from "./index.ts";

describe("@latchkey/protocol exports", () => {
	it("match the snapshot: the wire shapes are types only, so the SDKs' bundles carry nothing of them", () => {
		assert.deepEqual(Object.keys(protocol).sort(), [
			"ERROR_CODES",
			"PROBLEM_CONTENT_TYPE",
			"PasskeyError",
			"isErrorCode",
			"isPasskeyError",
		]);
	});
});
