import { isLatchkeyError, type VerifiedUser } from "@latchkey/node";
import { DemoError } from "./demo-error.ts";
import type { PasskeyBackend } from "./passkey-backend.ts";

/** The purpose the front end passes to `client.stepup()`; a preset of every Latchkey app. */
export const STEP_UP_PURPOSE = "step-up";

/** How old a step-up sign-in may be when the payment arrives. */
export const STEP_UP_MAX_AGE_MS = 2 * 60 * 1000;

/**
 * Checks that a payment carries a fresh step-up sign-in of the signed-in user: Latchkey verifies the token (single-use,
 * so a replay fails), then the demo checks its type, purpose, user and age. Fails closed.
 * @param latchkey - the backend SDK
 * @param input - the token from `client.stepup()`, the session's user and the current time
 * @returns the verified sign-in
 * @throws DemoError `step_up_required` without a token, `step_up_failed` for anything that does not pass
 * @example
 * await verifyStepUp(latchkey, { token: req.body.stepUpToken, userId: session.userId, now: new Date() });
 */
export async function verifyStepUp(latchkey: PasskeyBackend, input: { token: unknown; userId: string; now: Date }): Promise<VerifiedUser> {
	if (typeof input.token !== "string" || input.token === "") {
		throw new DemoError("step_up_required", 403, "Confirm the payment with your passkey (a step-up sign-in) first.");
	}
	let verified: VerifiedUser;
	try {
		verified = await latchkey.verifyToken(input.token);
	} catch (error) {
		if (isLatchkeyError(error) && error.status >= 400 && error.status < 500) {
			throw new DemoError("step_up_failed", 403, `The step-up sign-in was not accepted (${error.errorCode}).`);
		}
		throw error;
	}
	const refuse = (reason: string): never => {
		throw new DemoError("step_up_failed", 403, `The step-up sign-in was not accepted (${reason}).`);
	};
	if (verified.type !== "passkey_signin") refuse(`type ${verified.type}`);
	if (verified.purpose !== STEP_UP_PURPOSE) refuse(`purpose ${verified.purpose ?? "none"}`);
	if (verified.userId !== input.userId) refuse("another user");
	const ageMs = input.now.getTime() - verified.timestamp.getTime();
	if (ageMs > STEP_UP_MAX_AGE_MS) refuse(`${Math.round(ageMs / 1000)} s old`);
	return verified;
}
