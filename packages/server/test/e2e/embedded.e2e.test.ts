import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Frame } from "playwright-core";
import {
	type BrowserSuite,
	browserSkip,
	callPage,
	closeBrowserSuite,
	freshAuthenticator,
	listenOnLocalhost,
	openBrowserSuite,
	type PageResult,
	type PageServer,
	PLATFORM_UV,
	unique,
} from "./browser-harness.ts";

/** A top-level page on its own origin that embeds the relying party's page in an iframe allowed to call WebAuthn. */
function startEmbedder(frameOrigin: string): Promise<PageServer> {
	const html = `<!doctype html><html><body><iframe src="${frameOrigin}/" allow="publickey-credentials-get *; publickey-credentials-create *"></iframe></body></html>`;
	return listenOnLocalhost((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
}

/** Real Chromium: a sign-in run inside a cross-origin iframe carries crossOrigin and topOrigin, checked by the app's list. */
describe("ceremonies embedded in a cross-origin iframe (Chromium)", { skip: browserSkip }, () => {
	let suite: BrowserSuite;
	let embedder: PageServer | undefined;

	before(async () => {
		suite = await openBrowserSuite("/");
		embedder = await startEmbedder(suite.pages.origin);
	});
	after(async () => {
		await embedder?.close();
		await closeBrowserSuite(suite ?? {});
	});

	async function signinInFrame(userId: string): Promise<PageResult> {
		const { page } = suite.browser;
		await page.goto(`${embedder?.origin}/`);
		let frame: Frame | undefined;
		for (let i = 0; i < 100 && !frame; i++) {
			frame = page.frames().find((f) => f.url().startsWith(suite.pages.origin));
			if (!frame) await new Promise((resolve) => setTimeout(resolve, 50));
		}
		assert.ok(frame, "the iframe loaded");
		await frame.waitForFunction(() => "lk" in window);
		return frame.evaluate((input) => (window as unknown as { lk: { signin(a: unknown): Promise<PageResult> } }).lk.signin(input), {
			apiUrl: suite.server.url,
			apiKey: suite.app.apiKey,
			userId,
		});
	}

	it("refuses the embedded sign-in until the top page is in allowedTopOrigins, then accepts it", async () => {
		await freshAuthenticator(suite.browser.cdp, PLATFORM_UV);
		const userId = `embed-${unique()}`;
		const token = await suite.rp.registerToken({ userId, username: userId });
		const registered = await callPage(suite.browser.page, "register", { apiUrl: suite.server.url, apiKey: suite.app.apiKey, token });
		assert.equal(registered.step, "done", JSON.stringify(registered));

		const refused = await signinInFrame(userId);
		assert.equal(refused.step, "complete", JSON.stringify(refused));
		assert.equal(refused.complete?.body?.errorCode, "top_origin_not_allowed");

		const features = await fetch(`${suite.server.url}/apps/features`, {
			method: "POST",
			headers: { "content-type": "application/json", ApiSecret: suite.app.apiSecret },
			body: JSON.stringify({ allowedTopOrigins: [embedder?.origin] }),
		});
		assert.equal(features.status, 204);
		const accepted = await signinInFrame(userId);
		assert.equal(accepted.step, "done", JSON.stringify(accepted));
	});
});
