import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness } from "../../test/support/in-process.ts";

describe("POST /signin/generate-token", () => {
	it("makes a generated_signin verify token with the given lifetime and purpose", async () => {
		const h = await createHarness();
		const res = await h.sec("/signin/generate-token", { userId: 42, timeToLive: "600", purpose: "recovery" });
		assert.equal(res.statusCode, 200);
		const verified = (await h.sec("/signin/verify", { token: res.json().token })).json();
		assert.deepEqual(
			{ ...verified, tokenId: "x" },
			{
				userId: "42",
				timestamp: "2025-01-01T00:00:00.000Z",
				rpId: "",
				origin: "",
				success: true,
				device: "",
				country: "",
				nickname: null,
				credentialId: "",
				purpose: "recovery",
				expiresAt: "2025-01-01T00:10:00.000Z",
				tokenId: "x",
				type: "generated_signin",
			},
		);
	});

	it("defaults to 120 s and sign-in, validates the lifetime, and obeys the app's switch", async () => {
		const h = await createHarness();
		const token = (await h.sec("/signin/generate-token", { userId: "u" })).json().token;
		const verified = (await h.sec("/signin/verify", { token })).json();
		assert.equal(verified.expiresAt, "2025-01-01T00:02:00.000Z");
		assert.equal(verified.purpose, "sign-in");
		assertProblem(await h.sec("/signin/generate-token", { userId: "u", timeToLive: 0 }), 400, "invalid_request");
		assertProblem(await h.sec("/signin/generate-token", { userId: "u", timeToLive: 604801 }), 400, "invalid_request");
		assertProblem(await h.sec("/signin/generate-token", {}), 400, "invalid_request");
		assert.equal((await h.sec("/apps/features", { enableManuallyGeneratedAuthenticationTokens: false })).statusCode, 204);
		const off = await h.sec("/signin/generate-token", { userId: "u" });
		assertProblem(off, 403, "generate_token_disabled");
		assert.equal(off.json().title, "The 'POST /signin/generate-token' endpoint is disabled");
	});
});
