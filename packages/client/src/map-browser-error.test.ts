import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CLIENT_ERRORS } from "./client-errors.ts";
import { mapBrowserError, NO_PASSKEY_WINDOW_MS } from "./map-browser-error.ts";

const dom = (name: string, message = "browser text that is never read"): DOMException => new DOMException(message, name);

describe("mapBrowserError", () => {
	it("maps DOMExceptions by name to stable client codes and keeps the exception as cause", () => {
		const cases: Array<[string, string]> = [
			["AbortError", "ceremony_aborted"],
			["NotAllowedError", "user_cancelled"],
			["InvalidStateError", "authenticator_already_registered"],
			["SecurityError", "security_error"],
			["NotSupportedError", "unsupported_browser"],
			["OperationError", "unknown"],
			["ConstraintError", "unknown"],
		];
		for (const [name, code] of cases) {
			const error = dom(name);
			const problem = mapBrowserError(error);
			assert.equal(problem.errorCode, code, name);
			assert.equal(problem.from, "client");
			assert.equal(problem.title, CLIENT_ERRORS[code as keyof typeof CLIENT_ERRORS]);
			assert.equal(problem.cause, error);
			assert.equal(problem.detail, "browser text that is never read");
		}
	});

	it("ignores the message: a NotAllowedError saying 'no credentials' is still classified by name and context", () => {
		assert.equal(mapBrowserError(dom("NotAllowedError", "No credentials available")).errorCode, "user_cancelled");
		assert.equal(mapBrowserError(dom("UnknownError", "The user cancelled")).errorCode, "unknown");
	});

	it("reports no_passkey_for_site for a discoverable request the browser refused without asking the user", () => {
		const problem = mapBrowserError(dom("NotAllowedError"), { discoverable: true, elapsedMs: 3 });
		assert.equal(problem.errorCode, "no_passkey_for_site");
	});

	it("reports user_cancelled when the request named credentials or lasted long enough for a person to cancel", () => {
		assert.equal(mapBrowserError(dom("NotAllowedError"), { discoverable: false, elapsedMs: 3 }).errorCode, "user_cancelled");
		assert.equal(
			mapBrowserError(dom("NotAllowedError"), { discoverable: true, elapsedMs: NO_PASSKEY_WINDOW_MS }).errorCode,
			"user_cancelled",
		);
		assert.equal(mapBrowserError(dom("NotAllowedError"), { discoverable: true }).errorCode, "user_cancelled");
	});

	it("maps anything that is not a DOMException to unknown", () => {
		assert.equal(mapBrowserError(new TypeError("x is undefined")).errorCode, "unknown");
		assert.equal(mapBrowserError(new TypeError("x is undefined")).detail, "x is undefined");
		assert.equal(mapBrowserError(null).errorCode, "unknown");
		assert.equal(mapBrowserError("boom").detail, "boom");
		assert.equal(mapBrowserError({ name: "toString" }).errorCode, "unknown");
		assert.equal(mapBrowserError({ name: "constructor" }).errorCode, "unknown");
	});
});
