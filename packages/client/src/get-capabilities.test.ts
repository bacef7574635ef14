import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { getCapabilities } from "./get-capabilities.ts";

const global = globalThis as Record<string, unknown>;

/** A stand-in `PublicKeyCredential` with the given static members. */
function installPublicKeyCredential(statics: Record<string, unknown>): void {
	global.PublicKeyCredential = Object.assign(function PublicKeyCredential() {}, {
		isUserVerifyingPlatformAuthenticatorAvailable: async () => true,
		isConditionalMediationAvailable: async () => true,
		...statics,
	});
}

describe("getCapabilities", () => {
	afterEach(() => {
		delete global.PublicKeyCredential;
	});

	it("reports nothing outside a browser", async () => {
		const capabilities = await getCapabilities();
		assert.equal(capabilities.webauthn, false);
		assert.equal(capabilities.source, "fallback");
		assert.equal(capabilities.conditionalGet, false);
		assert.equal(capabilities.signalUnknownCredential, false);
		assert.equal(capabilities.prf, false);
	});

	it("falls back to the is*Supported checks and the presence of the signal functions without getClientCapabilities", async () => {
		installPublicKeyCredential({ signalUnknownCredential: async () => {} });
		assert.deepEqual(await getCapabilities(), {
			webauthn: true,
			source: "fallback",
			conditionalCreate: false,
			conditionalGet: true,
			hybridTransport: false,
			passkeyPlatformAuthenticator: true,
			userVerifyingPlatformAuthenticator: true,
			relatedOrigins: false,
			signalUnknownCredential: true,
			signalAllAcceptedCredentials: false,
			signalCurrentUserDetails: false,
			prf: false,
			extensions: {},
		});
	});

	it("takes what getClientCapabilities reports, keeps the fallback for keys it leaves out, and lists the extensions", async () => {
		installPublicKeyCredential({
			getClientCapabilities: async () => ({
				conditionalCreate: true,
				hybridTransport: true,
				userVerifyingPlatformAuthenticator: false,
				"extension:prf": true,
				"extension:largeBlob": false,
				somethingNew: true,
			}),
		});
		const capabilities = await getCapabilities();
		assert.equal(capabilities.source, "getClientCapabilities");
		assert.equal(capabilities.conditionalCreate, true);
		assert.equal(capabilities.hybridTransport, true);
		assert.equal(capabilities.userVerifyingPlatformAuthenticator, false);
		assert.equal(capabilities.conditionalGet, true, "not reported: isAutofillSupported()");
		assert.equal(capabilities.prf, true);
		assert.deepEqual(capabilities.extensions, { prf: true, largeBlob: false });
		assert.equal("somethingNew" in capabilities, false);
	});

	it("falls back when getClientCapabilities rejects", async () => {
		installPublicKeyCredential({ getClientCapabilities: async () => Promise.reject(new Error("no")) });
		assert.equal((await getCapabilities()).source, "fallback");
	});
});
