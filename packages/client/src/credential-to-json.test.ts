import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { credentialToJSON } from "./credential-to-json.ts";

const buffer = (...values: number[]): ArrayBuffer => Uint8Array.from(values).buffer;

/** Mimics a browser response object: WebIDL attributes are enumerable accessors on the prototype. */
class FakeAttestationResponse {
	get clientDataJSON(): ArrayBuffer {
		return buffer(1, 2);
	}
	get attestationObject(): ArrayBuffer {
		return buffer(3, 4);
	}
	getTransports(): string[] {
		return ["internal", "hybrid"];
	}
}
for (const key of ["clientDataJSON", "attestationObject"]) {
	Object.defineProperty(FakeAttestationResponse.prototype, key, { enumerable: true });
}

const fakeCredential = (response: object, toJSON?: () => unknown): PublicKeyCredential =>
	({
		id: "AQID",
		rawId: buffer(1, 2, 3),
		type: "public-key",
		authenticatorAttachment: "platform",
		response,
		getClientExtensionResults: () => ({ credProps: { rk: true } }),
		toJSON:
			toJSON ??
			(() => {
				throw new TypeError("toJSON is not a function");
			}),
	}) as unknown as PublicKeyCredential;

describe("credentialToJSON", () => {
	it("uses the browser's toJSON when it has one", () => {
		const json = { id: "native" };
		assert.equal(credentialToJSON(fakeCredential({}, () => json)), json);
	});

	it("builds the same JSON by hand without toJSON: buffers in base64url, transports, attachment, extension results", () => {
		assert.deepEqual(credentialToJSON(fakeCredential(new FakeAttestationResponse())), {
			id: "AQID",
			rawId: "AQID",
			type: "public-key",
			authenticatorAttachment: "platform",
			clientExtensionResults: { credProps: { rk: true } },
			response: { clientDataJSON: "AQI", attestationObject: "AwQ", transports: ["internal", "hybrid"] },
		});
	});

	it("encodes an assertion's buffers and leaves out a null userHandle", () => {
		const response = { clientDataJSON: buffer(1), authenticatorData: buffer(2), signature: buffer(3), userHandle: null };
		assert.deepEqual(credentialToJSON(fakeCredential(response)).response, {
			transports: undefined,
			clientDataJSON: "AQ",
			authenticatorData: "Ag",
			signature: "Aw",
		});
	});
});
