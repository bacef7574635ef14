import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client } from "./index.ts";
import * as lifecycle from "./lifecycle.ts";

describe("@latchkey/client/lifecycle", () => {
	it("exports match the snapshot", () => {
		assert.deepEqual(Object.keys(lifecycle).sort(), ["LifecycleClient", "getCapabilities"]);
	});

	it("LifecycleClient is a Client with capabilities()", () => {
		assert.ok(lifecycle.LifecycleClient.prototype instanceof Client);
		assert.equal(typeof lifecycle.LifecycleClient.prototype.capabilities, "function");
	});

	it("resolves conditional registration to conditional_create_unsupported without WebAuthn, before asking the server", async () => {
		const client = Object.create(lifecycle.LifecycleClient.prototype) as lifecycle.LifecycleClient;
		const result = await client.register("register_x", { mediation: "conditional" });
		assert.equal(result.error?.errorCode, "conditional_create_unsupported");
		assert.equal(result.error?.from, "client");
		assert.equal(result.error?.title, "Passkey upgrade unsupported");
	});
});
