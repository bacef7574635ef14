import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError, PasskeyError } from "@latchkey/protocol";
import { isDatabaseUnavailable, toStoreError } from "./to-store-error.ts";

const withCode = (code: string, message = "x"): Error => Object.assign(new Error(message), { code });

describe("toStoreError", () => {
	it("turns a lost, refused, shut-down or timed-out connection into service_unavailable", () => {
		for (const error of [
			withCode("ECONNREFUSED"),
			withCode("ECONNRESET"),
			withCode("57P01", "terminating connection due to administrator command"),
			withCode("57P03", "the database system is starting up"),
			withCode("08006"),
			withCode("53300", "sorry, too many clients already"),
			withCode("57014", "canceling statement due to statement timeout"),
			new Error("Connection terminated unexpectedly"),
			new Error("Connection terminated due to connection timeout"),
			new Error("timeout exceeded when trying to connect"),
			new Error("Query read timeout"),
		]) {
			assert.ok(isDatabaseUnavailable(error), error.message);
			const mapped = toStoreError(error);
			assert.ok(isPasskeyError(mapped, "service_unavailable"), error.message);
			assert.equal((mapped as PasskeyError).status, 503);
			assert.equal((mapped as PasskeyError).cause, error);
		}
	});

	it("turns text PostgreSQL cannot store into invalid_request and leaves bugs and catalog errors alone", () => {
		assert.ok(isPasskeyError(toStoreError(withCode("22021")), "invalid_request"));
		const bug = withCode("42P01", 'relation "nope" does not exist');
		assert.equal(toStoreError(bug), bug);
		const conflict = new PasskeyError("alias_conflict");
		assert.equal(toStoreError(conflict), conflict);
		assert.equal(isDatabaseUnavailable("ECONNREFUSED"), false);
	});
});
