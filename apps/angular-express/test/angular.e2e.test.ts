/**
 * The tutorial end to end: real Chromium with a virtual platform authenticator (as Windows Hello would be), a real
 * `latchkey serve`, and the Express backend serving the Angular production build (`ng build`, made in `before`).
 * Writes the README's screenshots to apps/angular-express/screenshots/.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { type ServerProcess, startServer, type TestApp } from "@latchkey/test-support";
import type { Request } from "playwright-core";
import {
	type Browser,
	browserSkip,
	freshAuthenticator,
	launchBrowser,
	PLATFORM_UV,
} from "../../../packages/server/test/e2e/browser-harness.ts";
import { buildFrontEnd } from "../server/build-front-end.ts";
import { type RunningAppServer, startAppServer } from "../server/start-app-server.ts";

const SCREENSHOTS = fileURLToPath(new URL("../screenshots/", import.meta.url));
const ADA = "ada@example.com";
const BOB = "bob@example.com";

describe("the Angular + Express tutorial app in Chromium", { skip: browserSkip }, () => {
	let outDir: string;
	let latchkey: ServerProcess;
	let app: TestApp;
	let backend: RunningAppServer;
	let browser: Browser;
	/** The bodies of the page's `POST /signin/begin` calls to Latchkey, in order. */
	const begins: Array<{ token?: string }> = [];
	/** Script errors and Content-Security-Policy refusals in the page (failed HTTP calls are expected, and not listed). */
	const pageProblems: string[] = [];

	before(async () => {
		outDir = mkdtempSync(join(tmpdir(), "latchkey-angular-build-"));
		const started = performance.now();
		const timedBuild = buildFrontEnd(outDir).then((staticDir) => {
			console.log(`# ng build (production) took ${((performance.now() - started) / 1000).toFixed(1)} s`);
			return staticDir;
		});
		const [server, staticDir] = await Promise.all([startServer(), timedBuild]);
		latchkey = server;
		app = await latchkey.createApp({ appId: "angular", rpId: "localhost" });
		backend = await startAppServer({
			latchkeyApiUrl: latchkey.url,
			apiKey: app.apiKey,
			apiSecret: app.apiSecret,
			sessionSecret: randomBytes(32).toString("base64url"),
			port: 0,
			host: "127.0.0.1",
			staticDir,
			usersFile: null,
		});
		browser = await launchBrowser();
		await browser.page.setViewportSize({ width: 1000, height: 760 });
		browser.page.on("request", (request: Request) => {
			if (request.method() === "POST" && request.url().endsWith("/signin/begin")) begins.push(request.postDataJSON() as { token?: string });
		});
		browser.page.on("pageerror", (error) => pageProblems.push(`page error: ${error.message}`));
		browser.page.on("console", (message) => {
			if (message.type() === "error" && /Content Security Policy/i.test(message.text())) pageProblems.push(message.text());
		});
		await freshAuthenticator(browser.cdp, PLATFORM_UV);
		mkdirSync(SCREENSHOTS, { recursive: true });
	});
	after(async () => {
		await browser?.close();
		await backend?.close();
		await latchkey?.stop();
		latchkey?.cleanup();
		if (outDir) rmSync(outDir, { recursive: true, force: true });
	});

	const page = () => browser.page;
	/** A same-origin call to the Express backend from the page (so the browser sends Origin and the cookie). */
	const api = <T>(method: string, path: string, body?: unknown) =>
		page().evaluate(
			async ({ method, path, body }) => {
				const res = await fetch(path, {
					method,
					headers: { "Content-Type": "application/json" },
					...(body === undefined ? {} : { body: JSON.stringify(body) }),
				});
				return { status: res.status, body: (res.status === 204 ? null : await res.json()) as unknown };
			},
			{ method, path, body },
		) as Promise<{ status: number; body: T }>;
	const signedInAs = async (email: string): Promise<void> => {
		await page().waitForSelector("#signed-in");
		assert.equal((await page().textContent("#signed-in"))?.trim(), `Signed in as ${email}`);
	};
	const signOut = async (): Promise<void> => {
		await page().click("#signout-button");
		await page().waitForSelector("#signin-button");
	};
	const submit = async (email: string, button: "#register-button" | "#signin-button"): Promise<void> => {
		await page().fill("#email", email);
		await page().click(button);
	};
	async function violations(): Promise<string[]> {
		const results = await new AxeBuilder({ page: page() }).analyze();
		return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((node) => node.target.join(" ")).join(", ")}`);
	}

	it("registers Ada's passkey through the UI, which signs her in", async () => {
		await page().goto(backend.url);
		await page().waitForSelector("#register-button");
		await submit(ADA, "#register-button");
		await signedInAs(ADA);
		await page().waitForSelector("#passkeys .passkey");
		assert.equal(await page().locator("#passkeys .passkey").count(), 1);
		assert.match((await page().textContent("#status")) ?? "", /Passkey registered/);
	});

	it("signs out, then signs in with the sign-in token the backend issued; GET /api/me names Ada", async () => {
		await signOut();
		assert.equal((await api("GET", "/api/me")).status, 401);
		begins.length = 0;
		await submit(ADA, "#signin-button");
		await signedInAs(ADA);
		assert.equal(begins.length, 1);
		assert.match(begins[0]?.token ?? "", /^signin_/, "the browser began the sign-in with the backend's signin_ token");
		const me = await api<{ email: string; userId: string }>("GET", "/api/me");
		assert.equal(me.status, 200);
		assert.equal(me.body.email, ADA);
	});

	it("registers Bob on the same authenticator; Bob's passkey cannot complete Ada's sign-in token", async () => {
		await signOut();
		await submit(BOB, "#register-button");
		await signedInAs(BOB);
		const bobs = await api<{ credentials: Array<{ id: string }> }>("GET", "/api/credentials");
		const bobCredential = bobs.body.credentials[0]?.id ?? "";
		assert.ok(bobCredential);
		const { body } = await api<{ token: string }>("POST", "/api/signin-token", { email: ADA });
		const attempt = await page().evaluate(
			async ({ apiUrl, apiKey, token, credentialId }) => {
				// no named inner functions: the test's transpiler would wrap them in a helper the page lacks
				const headers = { "Content-Type": "application/json", ApiKey: apiKey };
				const party = { RPID: location.hostname, Origin: location.origin };
				const beginReply = await fetch(`${apiUrl}/signin/begin`, { method: "POST", headers, body: JSON.stringify({ token, ...party }) });
				const begin = { status: beginReply.status, body: (await beginReply.json()) as Record<string, unknown> };
				const data = begin.body.data as PublicKeyCredentialRequestOptionsJSON;
				const offered = (data.allowCredentials ?? []).map((descriptor) => descriptor.id);
				const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON({
					...data,
					allowCredentials: [{ type: "public-key", id: credentialId }],
				});
				const credential = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
				const completeReply = await fetch(`${apiUrl}/signin/complete`, {
					method: "POST",
					headers,
					body: JSON.stringify({ session: begin.body.session, response: credential.toJSON(), ...party }),
				});
				const complete = { status: completeReply.status, body: (await completeReply.json()) as Record<string, unknown> };
				return { beginStatus: begin.status, offered, used: credential.id, complete };
			},
			{ apiUrl: latchkey.url, apiKey: app.apiKey, token: body.token, credentialId: bobCredential },
		);
		assert.equal(attempt.beginStatus, 200);
		assert.equal(attempt.offered.length, 1);
		assert.ok(!attempt.offered.includes(bobCredential), "Ada's token offers only Ada's passkey");
		assert.equal(attempt.used, bobCredential);
		assert.equal(attempt.complete.status, 400);
		assert.equal(attempt.complete.body.errorCode, "credential_not_allowed");
	});

	it("deletes Ada's passkey in the UI; her next sign-in says no passkey is registered", async () => {
		await signOut();
		await submit(ADA, "#signin-button");
		await signedInAs(ADA);
		await page().waitForSelector("#passkeys .passkey");
		await page()
			.locator("#passkeys .passkey")
			.first()
			.getByRole("button", { name: /^Delete passkey/ })
			.click();
		await page().waitForSelector("#no-passkeys");
		assert.match((await page().textContent("#status")) ?? "", /Passkey deleted/);
		await signOut();
		await submit(ADA, "#signin-button");
		await page().waitForSelector('#status[data-code="no_passkeys"]');
		assert.match((await page().textContent("#status")) ?? "", /No passkey is registered for this account/);
		assert.equal((await api("GET", "/api/me")).status, 401);
	});

	it("has no accessibility violations signed out and signed in, and saves the screenshots", async () => {
		assert.deepEqual(await violations(), []);
		await page().screenshot({ path: join(SCREENSHOTS, "signed-out.png") });
		await submit(BOB, "#signin-button");
		await signedInAs(BOB);
		await page().waitForSelector("#passkeys .passkey");
		assert.deepEqual(await violations(), []);
		await page().screenshot({ path: join(SCREENSHOTS, "signed-in.png") });
		// keyboard focus is visible: Tab onto Sign out draws its outline
		await page().focus("#add-passkey-button");
		await page().keyboard.press("Tab");
		const outline = await page().evaluate(
			() => `${document.activeElement?.id} ${getComputedStyle(document.activeElement as Element).outlineStyle}`,
		);
		assert.equal(outline, "signout-button solid");
		assert.deepEqual(pageProblems, [], "the Angular build runs under the backend's CSP (style-src 'self') without errors");
	});
});
