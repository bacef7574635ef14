import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProblemDetails, Result, TokenResponse } from "./index.ts";
import * as client from "./index.ts";

describe("@latchkey/client exports", () => {
	it("match the snapshot (catches accidental API growth)", () => {
		assert.deepEqual(Object.keys(client).sort(), [
			"CLIENT_ERRORS",
			"Client",
			"NO_PASSKEY_WINDOW_MS",
			"isAutofillSupported",
			"isBrowserSupported",
			"isPlatformSupported",
			"mapBrowserError",
			"normalizeOptions",
			"normalizeOptionsJSON",
		]);
	});

	it("include every method of the upstream Client", () => {
		const methods = Object.getOwnPropertyNames(client.Client.prototype);
		for (const name of [
			"register",
			"signinWithId",
			"signinWithAlias",
			"signinWithAutofill",
			"signinWithDiscoverable",
			"stepup",
			"abort",
			"isPlatformSupported",
			"isBrowserSupported",
			"isAutofillSupported",
		]) {
			assert.ok(methods.includes(name), name);
		}
	});

	it("report no WebAuthn support outside a browser", async () => {
		assert.equal(client.isBrowserSupported(), false);
		assert.equal(await client.isPlatformSupported(), false);
		assert.equal(await client.isAutofillSupported(), false);
	});

	it("narrow a Result on its error member, as with the upstream client", () => {
		const describeResult = (result: Result<TokenResponse>): string => (result.error ? result.error.errorCode : result.token);
		const problem: ProblemDetails = { from: "server", errorCode: "expired_token", title: "The token has expired.", status: 403 };
		assert.equal(describeResult({ token: "verify_x" }), "verify_x");
		assert.equal(describeResult({ error: problem }), "expired_token");
	});
});
