import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
	type BrowserSuite,
	browserSkip,
	callPage,
	closeBrowserSuite,
	freshAuthenticator,
	openBrowserSuite,
	PLATFORM_UV,
	SECURITY_KEY_U2F,
	unique,
} from "./browser-harness.ts";

/** Real Chromium: `direct` attestation from the DevTools virtual authenticators, verified and stored with its format. */
describe("direct attestation from Chromium's virtual authenticators", { skip: browserSkip }, () => {
	let suite: BrowserSuite;
	let authenticatorId: string | undefined;

	before(async () => {
		suite = await openBrowserSuite("/");
	});
	after(() => closeBrowserSuite(suite ?? {}));

	async function credentialsOf(userId: string): Promise<{ attestationFmt: string; descriptor: { id: string } }[]> {
		const res = await fetch(`${suite.server.url}/credentials/list?userId=${encodeURIComponent(userId)}`, {
			headers: { ApiSecret: suite.app.apiSecret },
		});
		assert.equal(res.status, 200);
		return ((await res.json()) as { values: { attestationFmt: string; descriptor: { id: string } }[] }).values;
	}

	for (const [name, options, fmt] of [
		["a CTAP2 platform authenticator", PLATFORM_UV, "packed"],
		["a U2F security key", SECURITY_KEY_U2F, "fido-u2f"],
	] as const) {
		it(`stores ${name}'s attestation as '${fmt}'`, async () => {
			authenticatorId = await freshAuthenticator(suite.browser.cdp, options, authenticatorId);
			const userId = `att-${unique()}`;
			const token = await suite.rp.registerToken({ userId, username: userId, attestation: "direct", discoverable: fmt === "packed" });
			const result = await callPage(suite.browser.page, "register", { apiUrl: suite.server.url, apiKey: suite.app.apiKey, token });
			assert.equal(result.step, "done", JSON.stringify(result));
			assert.equal((result.begin?.body?.data as { attestation?: string } | undefined)?.attestation, "direct");
			const [stored] = await credentialsOf(userId);
			assert.equal(stored?.attestationFmt, fmt);
		});
	}

	it("refuses the same authenticator in strict mode without FIDO metadata (its root is Chromium's test root)", async () => {
		const features = await fetch(`${suite.server.url}/apps/features`, {
			method: "POST",
			headers: { "content-type": "application/json", ApiSecret: suite.app.apiSecret },
			body: JSON.stringify({ attestationMode: "strict" }),
		});
		assert.equal(features.status, 204);
		authenticatorId = await freshAuthenticator(suite.browser.cdp, PLATFORM_UV, authenticatorId);
		const userId = `att-${unique()}`;
		const token = await suite.rp.registerToken({ userId, username: userId });
		const result = await callPage(suite.browser.page, "register", { apiUrl: suite.server.url, apiKey: suite.app.apiKey, token });
		assert.equal(result.step, "complete", JSON.stringify(result));
		assert.equal((result.begin?.body?.data as { attestation?: string } | undefined)?.attestation, "direct");
		assert.equal(result.complete?.status, 400);
		assert.equal(result.complete?.body?.errorCode, "authenticator_not_certified");
	});
});
