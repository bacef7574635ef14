import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ErrorCode, isPasskeyError } from "@latchkey/protocol";
import { type AuthenticatorFlags, encodeAuthenticatorData } from "@latchkey/testing";
import { checkAuthenticatorData } from "./check-authenticator-data.ts";
import { loadWebAuthnHelpers } from "./simplewebauthn.ts";

const helpers = await loadWebAuthnHelpers();
const RP_ID = "shop.example";
const PRESENT_AND_VERIFIED: AuthenticatorFlags = { up: true, uv: true, be: false, bs: false };

/** Authenticator data for an assertion: SHA-256 of `rpId`, the flags, the counter. */
const authData = (options: { rpId?: string; flags?: Partial<AuthenticatorFlags>; signCount?: number } = {}): Uint8Array<ArrayBuffer> =>
	new Uint8Array(
		encodeAuthenticatorData(options.rpId ?? RP_ID, {
			flags: { ...PRESENT_AND_VERIFIED, ...options.flags },
			signCount: options.signCount ?? 7,
		}),
	);
const check = (data: Uint8Array<ArrayBuffer>, requireUserVerification = false) =>
	checkAuthenticatorData(data, { rpId: RP_ID, requireUserVerification, helpers });
const fails = (code: ErrorCode) => (error: unknown) => isPasskeyError(error, code);

describe("checkAuthenticatorData", () => {
	it("returns the counter and flags of data signed for the RP ID", () => {
		const parsed = check(authData({ signCount: 42, flags: { be: true, bs: true } }), true);
		assert.equal(parsed.counter, 42);
		assert.deepEqual(
			{ up: parsed.flags.up, uv: parsed.flags.uv, be: parsed.flags.be, bs: parsed.flags.bs, at: parsed.flags.at },
			{ up: true, uv: true, be: true, bs: true, at: false },
		);
	});

	it("rejects data signed for another RP ID, a parent domain included (rp_id_hash_mismatch)", () => {
		for (const rpId of ["evil.example", "example", "login.shop.example"]) {
			assert.throws(() => check(authData({ rpId })), fails("rp_id_hash_mismatch"), rpId);
		}
	});

	it("rejects data without user presence (user_presence_required)", () => {
		assert.throws(() => check(authData({ flags: { up: false } })), fails("user_presence_required"));
	});

	it("rejects data without user verification when the ceremony requires it, and accepts it otherwise", () => {
		const unverified = authData({ flags: { uv: false } });
		assert.throws(() => check(unverified, true), fails("user_verification_required"));
		assert.equal(check(unverified, false).flags.uv, false);
	});

	it("rejects a backed-up credential that is not backup-eligible (invalid_backup_flags)", () => {
		assert.throws(() => check(authData({ flags: { be: false, bs: true } })), fails("invalid_backup_flags"));
		assert.equal(check(authData({ flags: { be: true, bs: false } })).flags.be, true);
	});

	it("rejects data it cannot parse: empty, truncated, or with bytes left over (malformed_response)", () => {
		const whole = authData();
		for (const bytes of [new Uint8Array(0), whole.slice(0, 36), new Uint8Array([...whole, 0xa0])]) {
			assert.throws(() => check(bytes), fails("malformed_response"), `${bytes.length} bytes`);
		}
	});
});
