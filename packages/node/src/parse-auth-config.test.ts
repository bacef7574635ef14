import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAuthConfig } from "./parse-auth-config.ts";

const base = { purpose: "sign-in", userVerificationRequirement: "preferred", timeToLive: 120, hints: "", createdBy: "System" };

describe("parseAuthConfig", () => {
	it("reads upstream's presets: no hints, null timestamps", () => {
		assert.deepEqual(parseAuthConfig(base), {
			purpose: "sign-in",
			userVerificationRequirement: "preferred",
			timeToLive: 120,
			hints: [],
			createdBy: "System",
			createdOn: null,
			editedBy: null,
			editedOn: null,
			lastUsedOn: null,
		});
	});

	it("maps C# hint names and WebAuthn hint strings, in order, dropping unknown ones", () => {
		assert.deepEqual(parseAuthConfig({ ...base, hints: "SecurityKey, ClientDevice, Hybrid" }).hints, [
			"security-key",
			"client-device",
			"hybrid",
		]);
		assert.deepEqual(parseAuthConfig({ ...base, hints: ["hybrid", "security-key", "constructor"] }).hints, ["hybrid", "security-key"]);
	});

	it("reads a TimeSpan timeToLive and lower-cases the requirement", () => {
		const config = parseAuthConfig({ ...base, timeToLive: "00:05:00", userVerificationRequirement: "Required" });
		assert.equal(config.timeToLive, 300);
		assert.equal(config.userVerificationRequirement, "required");
	});
});
