import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as sdk from "./index.ts";
import { CLIENT_VERSION } from "./send-request.ts";

describe("@latchkey/node exports", () => {
	it("match the snapshot (catches accidental API growth)", () => {
		assert.deepEqual(Object.keys(sdk).sort(), ["CLIENT_ERRORS", "Latchkey", "LatchkeyError", "isLatchkeyError"]);
	});

	it("give Latchkey a method for every secret route", () => {
		const methods = Object.getOwnPropertyNames(sdk.Latchkey.prototype).filter((name) => name !== "constructor");
		assert.deepEqual(methods.sort(), [
			"addAuthConfig",
			"countUsers",
			"createRegisterToken",
			"createSigninToken",
			"deleteAuthConfig",
			"deleteCredential",
			"deleteUser",
			"generateSigninToken",
			"getAcceptedCredentialsSignal",
			"getCredential",
			"getUserDetailsSignal",
			"listAliases",
			"listAuthConfigs",
			"listCredentials",
			"listEvents",
			"listUsers",
			"sendMagicLink",
			"setAliases",
			"setAppFeatures",
			"updateAuthConfig",
			"updateCredential",
			"verifyToken",
		]);
	});

	it("send the package version as Client-Version", async () => {
		const { readFile } = await import("node:fs/promises");
		const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
		assert.equal(CLIENT_VERSION, `node-${pkg.version}`);
	});
});
