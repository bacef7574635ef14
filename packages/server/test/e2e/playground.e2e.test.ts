import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { type Browser, browserSkip, freshAuthenticator, launchBrowser, PLATFORM_UV } from "./browser-harness.ts";

describe("the playground served by `latchkey serve --dev`", { skip: browserSkip }, () => {
	let server: ServerProcess;
	let browser: Browser;
	let authenticatorId: string;

	before(async () => {
		server = await startServer({ args: ["--dev"] });
		browser = await launchBrowser();
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV);
	});
	after(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	async function press(button: string): Promise<Record<string, unknown>> {
		const { page } = browser;
		await page.click(`#${button}`);
		await page.waitForFunction((id) => !(document.getElementById(id) as HTMLButtonElement).disabled, button);
		const text = (await page.textContent("#output")) ?? "";
		assert.equal(await page.getAttribute("#output", "class"), "", `the playground shows an error: ${text}`);
		return JSON.parse(text) as Record<string, unknown>;
	}

	it("registers a passkey and signs in with it by username and discoverably", async () => {
		const { page } = browser;
		await page.goto(`${server.url}/`);
		await page.waitForSelector("body[data-ready=true]");
		assert.equal(await page.textContent("#app-id"), "dev");
		await page.fill("#username", "ada@example.com");
		const registered = await press("register");
		assert.equal((registered.verified as { userId: string; type: string }).userId, "ada@example.com");
		assert.equal((registered.verified as { type: string }).type, "passkey_register");
		const byAlias = await press("signin-alias");
		assert.equal((byAlias.signedIn as { userId: string }).userId, "ada@example.com");
		const discoverable = await press("signin-discoverable");
		assert.equal((discoverable.signedIn as { userId: string; type: string }).type, "passkey_signin");
		assert.equal((discoverable.signedIn as { userId: string }).userId, "ada@example.com");
	});

	it("shows the browser's refusal as an error when this device has no passkey for the site", async () => {
		const { page } = browser;
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV, authenticatorId);
		await page.goto(`${server.url}/`);
		await page.waitForSelector("body[data-ready=true]");
		await page.click("#signin-discoverable");
		await page.waitForFunction(() => document.getElementById("output")?.className === "error");
		assert.match((await page.textContent("#output")) ?? "", /NotAllowedError/);
	});
});
