import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fakePasskeyBackend } from "../test/fake-passkey-backend.ts";
import { DemoError } from "./demo-error.ts";
import { STEP_UP_MAX_AGE_MS, verifyStepUp } from "./verify-step-up.ts";

const NOW = new Date("2025-06-01T12:00:00Z");

async function refusal(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => null,
		(caught: unknown) => caught,
	);
	assert.ok(error instanceof DemoError, `expected a DemoError, got ${String(error)}`);
	assert.equal(error.status, 403);
	return error.code;
}

describe("verifyStepUp", () => {
	it("accepts a fresh step-up sign-in of the signed-in user", async () => {
		const latchkey = fakePasskeyBackend(() => NOW);
		latchkey.tokens.set("verify_ok", { userId: "usr_1", purpose: "step-up", timestamp: new Date(NOW.getTime() - 5_000) });
		const verified = await verifyStepUp(latchkey, { token: "verify_ok", userId: "usr_1", now: NOW });
		assert.equal(verified.userId, "usr_1");
	});

	it("asks for a step-up when there is no token", async () => {
		const latchkey = fakePasskeyBackend(() => NOW);
		assert.equal(await refusal(verifyStepUp(latchkey, { token: undefined, userId: "usr_1", now: NOW })), "step_up_required");
		assert.equal(await refusal(verifyStepUp(latchkey, { token: "", userId: "usr_1", now: NOW })), "step_up_required");
	});

	it("refuses a token Latchkey does not accept, such as a replayed one", async () => {
		const latchkey = fakePasskeyBackend(() => NOW);
		latchkey.tokens.set("verify_once", { userId: "usr_1", purpose: "step-up" });
		await verifyStepUp(latchkey, { token: "verify_once", userId: "usr_1", now: NOW });
		assert.equal(await refusal(verifyStepUp(latchkey, { token: "verify_once", userId: "usr_1", now: NOW })), "step_up_failed");
	});

	it("refuses a plain sign-in, a registration, another user and a stale step-up", async () => {
		const latchkey = fakePasskeyBackend(() => NOW);
		latchkey.tokens.set("signin", { userId: "usr_1", purpose: "sign-in" });
		latchkey.tokens.set("register", { userId: "usr_1", type: "passkey_register", purpose: null });
		latchkey.tokens.set("other", { userId: "usr_2", purpose: "step-up" });
		latchkey.tokens.set("stale", { userId: "usr_1", purpose: "step-up", timestamp: new Date(NOW.getTime() - STEP_UP_MAX_AGE_MS - 1_000) });
		for (const token of ["signin", "register", "other", "stale"]) {
			assert.equal(await refusal(verifyStepUp(latchkey, { token, userId: "usr_1", now: NOW })), "step_up_failed", token);
		}
	});
});
