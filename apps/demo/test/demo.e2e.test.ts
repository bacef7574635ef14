/**
 * The demo end to end: real Chromium with a virtual authenticator, a real `latchkey serve`, and the real demo backend
 * serving a production build of the front end. Writes the README's screenshots to apps/demo/screenshots/.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { type ServerProcess, type SmtpSink, startServer, startSmtpSink } from "@latchkey/test-support";
import type { Request } from "playwright-core";
import {
	type Browser,
	browserSkip,
	freshAuthenticator,
	launchBrowser,
	PLATFORM_UV,
	recordedCalls,
	recordWebAuthnCalls,
} from "../../../packages/server/test/e2e/browser-harness.ts";
import { buildFrontEnd } from "../server/build-front-end.ts";
import { type RunningDemo, startDemoServer } from "../server/start-demo-server.ts";

const SCREENSHOTS = fileURLToPath(new URL("../screenshots/", import.meta.url));
const EMAIL = "ada@example.com";
/** The AAGUID Chromium's virtual CTAP2 authenticator reports when attestation is asked for (zeros otherwise). */
const VIRTUAL_AAGUID = "01020304-0506-0708-0102-030405060708";

describe("the demo Payment Dashboard in Chromium", { skip: browserSkip }, () => {
	let outDir: string;
	let latchkey: ServerProcess;
	let namesDir: string | undefined;
	/** The real SMTP server Latchkey mails recovery links through. */
	let sink: SmtpSink;
	let demo: RunningDemo;
	let browser: Browser;
	let authenticatorId: string;
	/** The bodies of the page's `POST /signin/begin` calls to Latchkey, in order. */
	const begins: Array<{ alias?: string; userId?: string; purpose?: string }> = [];

	before(async () => {
		outDir = mkdtempSync(join(tmpdir(), "latchkey-demo-build-"));
		// Chromium's virtual authenticator reports its AAGUID with direct attestation; an operator's names file names it.
		namesDir = mkdtempSync(join(tmpdir(), "latchkey-demo-names-"));
		const names = join(namesDir, "authenticator-names.json");
		writeFileSync(names, JSON.stringify({ [VIRTUAL_AAGUID]: { name: "Chromium virtual authenticator" } }));
		sink = await startSmtpSink();
		const env = {
			LATCHKEY_AUTHENTICATOR_NAMES: names,
			LATCHKEY_SMTP_URL: sink.url,
			LATCHKEY_SMTP_FROM: "Latchkey Pay <no-reply@localhost>",
		};
		const [server] = await Promise.all([startServer({ env }), buildFrontEnd(outDir)]);
		latchkey = server;
		const app = await latchkey.createApp({ appId: "demo", rpId: "localhost" });
		const direct = await fetch(`${latchkey.url}/apps/features`, {
			method: "POST",
			headers: { "content-type": "application/json", ApiSecret: app.apiSecret },
			body: JSON.stringify({ attestation: "direct" }),
		});
		assert.equal(direct.status, 204);
		demo = await startDemoServer({
			latchkeyApiUrl: latchkey.url,
			apiKey: app.apiKey,
			apiSecret: app.apiSecret,
			sessionSecret: randomBytes(32).toString("base64url"),
			port: 0,
			host: "127.0.0.1",
			staticDir: outDir,
			dataFile: null,
			cognito: null,
		});
		browser = await launchBrowser();
		await browser.page.setViewportSize({ width: 1200, height: 860 });
		browser.page.on("request", (request: Request) => {
			if (request.method() === "POST" && request.url().endsWith("/signin/begin"))
				begins.push(request.postDataJSON() as (typeof begins)[number]);
		});
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV);
		// Records the page's Signal API calls and credential creations, as the page made them.
		await browser.page.addInitScript(recordWebAuthnCalls);
		mkdirSync(SCREENSHOTS, { recursive: true });
	});
	after(async () => {
		await browser?.close();
		await demo?.close();
		await latchkey?.stop();
		latchkey?.cleanup();
		await sink?.close();
		if (outDir) rmSync(outDir, { recursive: true, force: true });
		if (namesDir) rmSync(namesDir, { recursive: true, force: true });
	});

	const page = () => browser.page;
	const presence = (enabled: boolean) => browser.cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled });
	/** Holds the next matching `/signin/begin` until user presence is switched on, so only that ceremony can finish. */
	async function presenceOnNextBegin(matches: (body: { alias?: string }) => boolean): Promise<void> {
		let done = false;
		await page().route(`${latchkey.url}/signin/begin`, async (route) => {
			const request = route.request();
			if (!done && request.method() === "POST" && matches(request.postDataJSON() as { alias?: string })) {
				done = true;
				await presence(true);
			}
			await route.continue();
		});
	}
	const onDashboard = () => page().waitForSelector("#logout-button");
	const pageCalls = () => recordedCalls(page());
	/** The WebAuthn user handle of the signed-in user (what the Signal API names users by). */
	const userHandle = async () => {
		const me = (await apiStatus("GET", "/api/me")).body as unknown as { user: { id: string } };
		return Buffer.from(me.user.id).toString("base64url");
	};
	const authenticatorCredentials = async () =>
		(await browser.cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials as Array<{
			credentialId: string;
			userDisplayName?: string;
		}>;
	const onLogin = () => page().waitForSelector("#signin-button");
	const apiStatus = (method: string, path: string, body?: unknown) =>
		page().evaluate(
			async ({ method, path, body }) => {
				const res = await fetch(path, {
					method,
					headers: { "Content-Type": "application/json" },
					...(body === undefined ? {} : { body: JSON.stringify(body) }),
				});
				return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as { error?: { code: string } }) };
			},
			{ method, path, body },
		);
	/** Logs out with presence off, so the log in page's autofill request stays pending instead of signing in again. */
	async function logout(): Promise<void> {
		await presence(false);
		await page().click("#logout-button");
		await onLogin();
	}
	async function seriousViolations(): Promise<string[]> {
		const results = await new AxeBuilder({ page: page() }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
		return results.violations
			.filter((violation) => violation.impact === "serious" || violation.impact === "critical")
			.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
	}

	it("signs up with an e-mail and a display name, creates a passkey and opens the dashboard", async () => {
		await page().goto(`${demo.url}/signup`);
		await page().fill("#signup-email", EMAIL);
		await page().fill("#signup-name", "Ada Lovelace");
		await page().click("#signup-button");
		await onDashboard();
		assert.match((await page().textContent("h1")) ?? "", /Welcome back, Ada Lovelace/);
		await page().waitForSelector("#passkeys .passkey");
		assert.equal(await page().locator("#passkeys .passkey").count(), 1);
		assert.match(
			(await page().textContent("#passkeys .passkey")) ?? "",
			/Chromium virtual authenticator/,
			"the provider name from Latchkey",
		);
		await page().waitForSelector("#payments .payment");
	});

	it("logs out, which clears the session cookie", async () => {
		await logout();
		assert.match((await page().textContent("#login-notice")) ?? "", /You have logged out/);
		const cookies = await browser.context.cookies(demo.url);
		assert.equal(
			cookies.find((cookie) => cookie.name === "demo_session"),
			undefined,
		);
		assert.equal((await apiStatus("GET", "/api/me")).status, 401);
	});

	it("logs in by typing the e-mail: sign-in starts by itself 300 ms after typing stops, once, after aborting autofill", async () => {
		begins.length = 0;
		await page().goto(`${demo.url}/login`);
		await presenceOnNextBegin((body) => body.alias === EMAIL);
		// autofill is waiting in the background (no user presence, so it cannot finish by itself)
		await waitFor(() => begins.length === 1);
		const aliasBegin = page().waitForRequest(
			(request) => request.method() === "POST" && request.url().endsWith("/signin/begin") && request.postData()?.includes(EMAIL) === true,
		);
		await page().type("#email", EMAIL, { delay: 40 });
		const typedAt = Date.now();
		await aliasBegin;
		const waited = Date.now() - typedAt;
		assert.ok(waited >= 250, `sign-in started ${waited} ms after the last keystroke`);
		await onDashboard();
		await page().unrouteAll();
		assert.deepEqual(
			begins.map((body) => body.alias ?? null),
			[null, EMAIL],
			"one autofill request, then exactly one sign-in for the complete e-mail",
		);
	});

	it("logs in with the button and no e-mail (discoverable)", async () => {
		await logout();
		begins.length = 0;
		await page().goto(`${demo.url}/login`);
		await waitFor(() => begins.length === 1);
		await presenceOnNextBegin(() => true);
		await page().click("#signin-button");
		await onDashboard();
		await page().unrouteAll();
		assert.equal(begins.length, 2);
		assert.equal(begins[1]?.alias, undefined);
		assert.equal(begins[1]?.userId, undefined);
	});

	it("logs in through autofill", async () => {
		await logout();
		begins.length = 0;
		await presence(true);
		await page().goto(`${demo.url}/login`);
		await onDashboard();
		assert.equal(begins.length, 1);
		assert.equal(begins[0]?.alias, undefined);
	});

	it("says so when this device already has a passkey for the account", async () => {
		await page().click("#add-passkey-button");
		await page().waitForSelector('#passkey-outcome[data-code="authenticator_already_registered"]');
		assert.match((await page().textContent("#passkey-outcome")) ?? "", /already has a passkey/);
	});

	it("adds a second passkey from another authenticator", async () => {
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV, authenticatorId);
		await page().click("#add-passkey-button");
		await page().waitForFunction(() => document.querySelectorAll("#passkeys .passkey").length === 2);
		assert.match((await page().textContent("#passkey-outcome")) ?? "", /Passkey added/);
	});

	it("renames a passkey", async () => {
		const second = page().locator("#passkeys .passkey").nth(1);
		await second.getByRole("button", { name: "Rename" }).click();
		await second.locator("input").fill("Work laptop");
		await second.getByRole("button", { name: "Save" }).click();
		await page().waitForFunction(() => document.querySelector("#passkeys .passkey:nth-child(2) h3")?.textContent === "Work laptop");
	});

	it("deletes a passkey, but never the last one", async () => {
		const first = page().locator("#passkeys .passkey").first();
		const lastId = await page().locator("#passkeys .passkey").nth(1).getAttribute("data-passkey-id");
		await first.getByRole("button", { name: "Delete" }).click();
		await first.getByRole("button", { name: "Delete passkey" }).click();
		await page().waitForFunction(() => document.querySelectorAll("#passkeys .passkey").length === 1);
		assert.match((await page().textContent("#passkey-outcome")) ?? "", /Passkey deleted/);
		const refused = await apiStatus("DELETE", `/api/passkeys/${lastId}`);
		assert.equal(refused.status, 409);
		assert.equal(refused.body?.error?.code, "last_passkey");
		// The page told the passkey provider which passkeys the site still accepts (the Signal API, from Latchkey's values).
		const signals = (await pageCalls()).filter((call) => call.name === "signalAllAcceptedCredentials");
		assert.deepEqual(
			signals.map((call) => call.options),
			[{ rpId: "localhost", userId: await userHandle(), allAcceptedCredentialIds: [lastId] }],
		);
		assert.deepEqual(
			(await authenticatorCredentials()).map((c) => Buffer.from(c.credentialId, "base64").toString("base64url")),
			[lastId],
			"the accepted passkey stays on the authenticator",
		);
	});

	it("changes the display name and signals it to the passkey provider", async () => {
		await page().click("#edit-name-button");
		await page().fill("#display-name", "Ada King");
		await page().click("#save-name-button");
		await page().waitForFunction(() => document.querySelector("h1")?.textContent === "Welcome back, Ada King");
		assert.match((await page().textContent("#passkey-outcome")) ?? "", /Your name is now Ada King/);
		await page().waitForFunction(() =>
			(window as unknown as { webauthnCalls: { name: string }[] }).webauthnCalls.some((c) => c.name === "signalCurrentUserDetails"),
		);
		const signal = (await pageCalls()).find((call) => call.name === "signalCurrentUserDetails");
		assert.deepEqual(signal?.options, { rpId: "localhost", userId: await userHandle(), name: EMAIL, displayName: "Ada King" });
		const [held] = await authenticatorCredentials();
		if (held && "userDisplayName" in held) assert.equal(held.userDisplayName, "Ada King", "Chromium updated the passkey's user");
	});

	it("sends a payment after a step-up sign-in with the passkey", async () => {
		const stepUpToken = page()
			.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/api/payments"))
			.then((request) => (request.postDataJSON() as { stepUpToken: string }).stepUpToken);
		begins.length = 0;
		const before = (await page().textContent("#balance")) ?? "";
		await page().click("#new-payment-button");
		await page().fill("#payment-recipient", "Northwind Traders");
		await page().fill("#payment-amount", "125.50");
		await page().click("#payment-confirm");
		await page().waitForSelector("#payment-outcome.notice--success");
		assert.match((await page().textContent("#payment-outcome")) ?? "", /Sent \$125\.50 to Northwind Traders/);
		assert.notEqual(await page().textContent("#balance"), before);
		assert.equal(begins[0]?.purpose, "step-up");
		assert.ok(begins[0]?.userId, "the step-up names the signed-in user");
		paymentToken = await stepUpToken;
	});

	let paymentToken = "";
	it("refuses a payment without a fresh step-up, and a replayed one", async () => {
		const without = await apiStatus("POST", "/api/payments", { recipient: "Mallory", amount: "10" });
		assert.equal(without.status, 403);
		assert.equal(without.body?.error?.code, "step_up_required");
		const replayed = await apiStatus("POST", "/api/payments", { recipient: "Mallory", amount: "10", stepUpToken: paymentToken });
		assert.equal(replayed.status, 403);
		assert.equal(replayed.body?.error?.code, "step_up_failed");
	});

	it("has no serious accessibility violations on the dashboard, and saves its screenshot", async () => {
		await page().goto(`${demo.url}/dashboard`);
		await page().waitForSelector("#passkeys .passkey");
		await page().waitForSelector("#payments .payment");
		assert.deepEqual(await seriousViolations(), []);
		await page().screenshot({ path: join(SCREENSHOTS, "dashboard-en.png"), fullPage: true });
	});

	it("shows Japanese on the dashboard and the log in page when the browser prefers Japanese", async () => {
		await browser.cdp.send("Emulation.setLocaleOverride", { locale: "ja-JP" });
		await browser.cdp.send("Network.setUserAgentOverride", {
			userAgent: await page().evaluate(() => navigator.userAgent),
			acceptLanguage: "ja-JP,ja",
		});
		await page().reload();
		await page().waitForSelector("#passkeys .passkey");
		await page().waitForSelector("#payments .payment");
		assert.equal(await page().getAttribute("html", "lang"), "ja");
		assert.match((await page().textContent("h1")) ?? "", /さん、おかえりなさい/);
		assert.match((await page().textContent("#passkeys-title")) ?? "", /パスキー/);
		assert.match((await page().textContent("#new-payment-button")) ?? "", /新規支払い/);
		await page().screenshot({ path: join(SCREENSHOTS, "dashboard-ja.png"), fullPage: true });
		await logout();
		await page().goto(`${demo.url}/login`);
		await onLogin();
		assert.equal(await page().textContent("h1"), "ログイン");
		assert.equal(await page().textContent("#signin-button"), "パスキーでログイン");
		assert.deepEqual(await seriousViolations(), []);
		await page().screenshot({ path: join(SCREENSHOTS, "login-ja.png") });
	});

	it("switches to English with the language switcher, with no serious accessibility violations on the log in page", async () => {
		await page().click('button[data-locale="en"]');
		await page().waitForFunction(() => document.querySelector("h1")?.textContent === "Log in");
		assert.equal(await page().getAttribute("html", "lang"), "en");
		assert.deepEqual(await seriousViolations(), []);
		await page().screenshot({ path: join(SCREENSHOTS, "login-en.png") });
	});

	it("explains a cancelled prompt, and the button still works after the automatic attempt", async () => {
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV, authenticatorId); // holds no passkey
		await page().goto(`${demo.url}/login`);
		await page().type("#email", EMAIL);
		await page().waitForSelector("#login-notice.notice--info >> text=whenever you are ready");
		await page().click("#signin-button");
		await page().waitForSelector('#login-notice[data-code="user_cancelled"]');
	});

	it("explains that there is no passkey on this device", async () => {
		await page().goto(`${demo.url}/login`);
		await page().click("#signin-button");
		await page().waitForSelector('#login-notice[data-code="no_passkey_for_site"]');
		assert.match((await page().textContent("#login-notice")) ?? "", /no passkey for this site on this device/);
	});

	it("explains that the passkey server cannot be reached", async () => {
		await page().goto(`${demo.url}/login`);
		await page().route(`${latchkey.url}/**`, (route) => route.abort());
		await page().click("#signin-button");
		await page().waitForSelector('#login-notice[data-code="network_error"]');
		await page().unroute(`${latchkey.url}/**`);
	});

	it("sends a user with an expired session back to log in, with a message", async () => {
		await browser.context.addCookies([{ name: "demo_session", value: "expired.token.value", url: demo.url }]);
		await page().goto(`${demo.url}/dashboard`);
		await page().waitForSelector('#login-notice[data-code="session_expired"]');
		assert.equal(new URL(page().url()).pathname, "/login");
	});

	/** Asks for a recovery link on the "Lost your passkey?" page and returns the link from the mail that arrives. */
	async function askForRecoveryLink(expectNotice: RegExp): Promise<{ link: string; subject: string; text: string }> {
		await page().goto(`${demo.url}/login`);
		await page().click("#lost-passkey-link");
		await page().waitForSelector("#recover-button");
		assert.equal(new URL(page().url()).pathname, "/recover");
		await page().fill("#recover-email", EMAIL);
		await page().click("#recover-button");
		await page().waitForSelector("#recover-notice.notice--success");
		assert.match((await page().textContent("#recover-notice")) ?? "", expectNotice);
		const mail = await sink.next();
		assert.deepEqual(mail.to, [EMAIL]);
		const link = /http:\/\/localhost:\d+\/recover\?token=verify_[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
		assert.ok(link, mail.text);
		return { link, subject: mail.subject, text: mail.text };
	}

	/** Opens the link, adds a passkey on this (new) authenticator from the recovery panel, and deletes the old one. */
	async function recoverWith(
		link: string,
		texts: { added: RegExp; deleteButton: string; confirmButton: string; screenshot: string },
	): Promise<void> {
		await page().goto(link);
		await page().waitForSelector("#recovery-panel");
		assert.equal(new URL(page().url()).pathname, "/dashboard", "the token leaves the address bar");
		await page().waitForFunction(() => document.querySelectorAll("#passkeys .passkey").length === 1);
		await page().waitForSelector("#payments .payment");
		assert.deepEqual(await seriousViolations(), []);
		await page().screenshot({ path: join(SCREENSHOTS, texts.screenshot), fullPage: true });
		const lostId = await page().locator("#passkeys .passkey").first().getAttribute("data-passkey-id");
		// Automatic passkey upgrade: where the browser says it can, the dashboard asks for a passkey without a dialog.
		const capabilities = (await page().evaluate(async () =>
			(PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> }).getClientCapabilities?.(),
		)) as Record<string, boolean> | undefined;
		if (capabilities?.conditionalCreate) {
			await page().waitForFunction(() =>
				(window as unknown as { webauthnCalls: { name: string; mediation?: string }[] }).webauthnCalls.some(
					(c) => c.name === "create" && c.mediation === "conditional",
				),
			);
		}
		await presence(true);
		await page().click("#recovery-add-button");
		await page().waitForFunction(() => document.querySelectorAll("#passkeys .passkey").length === 2);
		assert.match((await page().textContent("#recovery-text")) ?? "", texts.added);
		const creates = (await pageCalls()).filter((call) => call.name === "create").map((call) => call.mediation);
		assert.deepEqual(creates, capabilities?.conditionalCreate ? ["conditional", null] : [null], "the button's modal create");
		const lost = page().locator(`#passkeys .passkey[data-passkey-id="${lostId}"]`);
		await lost.getByRole("button", { name: texts.deleteButton, exact: true }).click();
		await lost.getByRole("button", { name: texts.confirmButton }).click();
		await page().waitForFunction(() => document.querySelectorAll("#passkeys .passkey").length === 1);
		assert.notEqual(await page().locator("#passkeys .passkey").first().getAttribute("data-passkey-id"), lostId);
	}

	it("gets a user who lost their passkey back in by e-mail: the link signs in, a new passkey replaces the lost one", async () => {
		// This authenticator holds no passkey (the previous tests replaced it): the user's only passkey is lost.
		const { link, subject, text } = await askForRecoveryLink(/If an account uses ada@example\.com, a log in link is on its way/);
		assert.equal(subject, `Sign in to ${new URL(demo.url).host}`);
		assert.match(text, /works once and expires in 15 minutes/);
		assert.deepEqual(await seriousViolations(), []);
		await recoverWith(link, {
			added: /Your new passkey is ready/,
			deleteButton: "Delete",
			confirmButton: "Delete passkey",
			screenshot: "recovery-en.png",
		});
		// The link was single-use, and the new passkey signs in.
		const replay = await apiStatus("POST", "/api/recover/complete", { token: new URL(link).searchParams.get("token") });
		assert.equal(replay.status, 401);
		assert.equal(replay.body?.error?.code, "link_invalid");
		await logout();
		await page().goto(link);
		await page().waitForSelector('#recover-notice[data-code="link_invalid"]');
		assert.match((await page().textContent("#recover-notice")) ?? "", /expired or was already used/);
		assert.equal(new URL(page().url()).search, "", "a spent token is dropped from the address bar");
		await presence(true);
		await page().goto(`${demo.url}/login`); // autofill offers the new passkey
		await onDashboard();
		assert.equal(await page().locator("#recovery-panel").count(), 0, "a passkey sign-in shows no recovery panel");
		// An address without an account gets the same answer, and no mail.
		await logout();
		await page().goto(`${demo.url}/recover`);
		await page().fill("#recover-email", "nobody@example.com");
		await page().click("#recover-button");
		await page().waitForSelector("#recover-notice.notice--success");
		assert.equal(sink.mails.length, 1);
	});

	it("recovers in Japanese: the page, the mail and the dashboard's recovery panel", async () => {
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV, authenticatorId); // lost again
		await page().goto(`${demo.url}/login`);
		await page().click('button[data-locale="ja"]');
		await page().waitForFunction(() => document.querySelector("h1")?.textContent === "ログイン");
		assert.equal(await page().textContent("#lost-passkey-link"), "パスキーをなくしましたか？");
		const { link, subject, text } = await askForRecoveryLink(/ログイン用リンクを送信しました/);
		assert.equal(subject, `${new URL(demo.url).host} へのサインイン`);
		assert.match(text, /有効期限は 15 分です/);
		assert.equal(await page().textContent("#recover-title"), "アカウントを復旧");
		await recoverWith(link, {
			added: /新しいパスキーの準備ができました/,
			deleteButton: "削除",
			confirmButton: "パスキーを削除",
			screenshot: "recovery-ja.png",
		});
		assert.equal(await page().textContent("#recovery-title"), "メールのリンクでログインしました");
		await page().click('button[data-locale="en"]');
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error("timed out waiting for a condition");
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
