import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import * as signals from "./signals.ts";

const global = globalThis as Record<string, unknown>;

describe("@latchkey/client/signals", () => {
	afterEach(() => {
		delete global.PublicKeyCredential;
	});

	it("exports the three signal helpers (snapshot)", () => {
		assert.deepEqual(Object.keys(signals).sort(), ["signalAllAcceptedCredentials", "signalCurrentUserDetails", "signalUnknownCredential"]);
	});

	it("are no-ops resolving to false where the browser has no Signal API", async () => {
		assert.equal(await signals.signalUnknownCredential({ rpId: "example.com", credentialId: "AQ" }), false);
		global.PublicKeyCredential = function PublicKeyCredential() {};
		assert.equal(await signals.signalCurrentUserDetails({ rpId: "example.com", userId: "AQ", name: "a", displayName: "A" }), false);
	});

	it("call PublicKeyCredential.signal* with exactly the WebAuthn members and resolve to true", async () => {
		const calls: unknown[][] = [];
		const record = (name: string) =>
			async function (this: unknown, options: unknown) {
				calls.push([name, this === global.PublicKeyCredential, options]);
			};
		global.PublicKeyCredential = Object.assign(function PublicKeyCredential() {}, {
			signalUnknownCredential: record("unknown"),
			signalAllAcceptedCredentials: record("accepted"),
			signalCurrentUserDetails: record("details"),
		});
		const extra = { extra: 1 } as object;
		assert.equal(await signals.signalUnknownCredential({ rpId: "example.com", credentialId: "AQ", ...extra }), true);
		assert.equal(await signals.signalAllAcceptedCredentials({ rpId: "example.com", userId: "dQ", allAcceptedCredentialIds: ["AQ"] }), true);
		assert.equal(await signals.signalCurrentUserDetails({ rpId: "example.com", userId: "dQ", name: "ada", displayName: "Ada" }), true);
		assert.deepEqual(calls, [
			["unknown", true, { rpId: "example.com", credentialId: "AQ" }],
			["accepted", true, { rpId: "example.com", userId: "dQ", allAcceptedCredentialIds: ["AQ"] }],
			["details", true, { rpId: "example.com", userId: "dQ", name: "ada", displayName: "Ada" }],
		]);
	});

	it("reject with what the browser rejects with", async () => {
		global.PublicKeyCredential = Object.assign(function PublicKeyCredential() {}, {
			signalUnknownCredential: async () => Promise.reject(new DOMException("rp", "SecurityError")),
		});
		await assert.rejects(signals.signalUnknownCredential({ rpId: "evil.example", credentialId: "AQ" }), { name: "SecurityError" });
	});
});
