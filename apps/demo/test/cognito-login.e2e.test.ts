/**
 * The seed's Payment Dashboard on Cognito's passkey flow, end to end: the demo's backend calls the official AWS SDK
 * (InitiateAuth / RespondToAuthChallenge) against a real `latchkey serve` and its user pool (`latchkey pool create`),
 * the page runs @simplewebauthn/browser on the normalised WEB_AUTHN options in real Chromium with a virtual
 * authenticator, and the backend verifies the ID token with aws-jwt-verify before it starts the session.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import type { Request } from "playwright-core";
import {
	type Browser,
	browserSkip,
	freshAuthenticator,
	launchBrowser,
	PLATFORM_UV,
} from "../../../packages/server/test/e2e/browser-harness.ts";
import { buildFrontEnd } from "../server/build-front-end.ts";
import { type RunningDemo, startDemoServer } from "../server/start-demo-server.ts";

const LATCHKEY_BIN = join(dirname(createRequire(import.meta.url).resolve("@latchkey/server/package.json")), "bin", "latchkey.js");
const EMAIL = "grace@example.com";

interface Pool {
	appId: string;
	apiKey: string;
	apiSecret: string;
	userPoolId: string;
	clientId: string;
	issuer: string;
}

describe("the demo's log in on Cognito's USER_AUTH / WEB_AUTHN flow, in Chromium", { skip: browserSkip }, () => {
	let outDir: string;
	let latchkey: ServerProcess;
	let demo: RunningDemo;
	let browser: Browser;
	/** The page's calls to the demo's Cognito routes and to Latchkey's Passwordless.dev routes, in order. */
	const calls: Array<{ path: string; body: Record<string, unknown> | null }> = [];

	before(async () => {
		outDir = mkdtempSync(join(tmpdir(), "latchkey-demo-cognito-build-"));
		const [server] = await Promise.all([startServer(), buildFrontEnd(outDir)]);
		latchkey = server;
		const { stdout } = await promisify(execFile)(process.execPath, [
			LATCHKEY_BIN,
			"pool",
			"create",
			"dash",
			"--region",
			"ap-northeast-1",
			"--rp-id",
			"localhost",
			"--database",
			latchkey.databaseUrl,
			"--json",
		]);
		const pool = JSON.parse(stdout) as Pool;
		demo = await startDemoServer({
			latchkeyApiUrl: latchkey.url,
			apiKey: pool.apiKey,
			apiSecret: pool.apiSecret,
			sessionSecret: randomBytes(32).toString("base64url"),
			port: 0,
			host: "127.0.0.1",
			staticDir: outDir,
			dataFile: null,
			cognito: { userPoolId: pool.userPoolId, clientId: pool.clientId },
		});
		browser = await launchBrowser();
		browser.page.on("request", (request: Request) => {
			const path = new URL(request.url()).pathname;
			if (request.method() === "POST" && (path.startsWith("/api/cognito/") || path.startsWith("/signin/")))
				calls.push({ path, body: request.postDataJSON() as Record<string, unknown> | null });
		});
		await freshAuthenticator(browser.cdp, PLATFORM_UV);
	});
	after(async () => {
		await browser?.close();
		await demo?.close();
		await latchkey?.stop();
		latchkey?.cleanup();
		if (outDir) rmSync(outDir, { recursive: true, force: true });
	});

	const page = () => browser.page;
	const onDashboard = () => page().waitForSelector("#logout-button");
	const onLogin = () => page().waitForSelector("#signin-button");
	async function logout(): Promise<void> {
		await page().click("#logout-button");
		await onLogin();
		calls.length = 0;
	}

	it("signs up with a passkey (the pool's app, through the register-token flow)", async () => {
		await page().goto(`${demo.url}/signup`);
		await page().fill("#signup-email", EMAIL);
		await page().fill("#signup-name", "Grace Hopper");
		await page().click("#signup-button");
		await onDashboard();
		await logout();
	});

	it("starts the Cognito sign-in by itself 300 ms after the e-mail is typed; the ID token starts the session", async () => {
		await page().goto(`${demo.url}/login`);
		await onLogin();
		const begun = page().waitForRequest((request) => request.url().endsWith("/api/cognito/begin"));
		await page().type("#email", EMAIL, { delay: 40 });
		const typedAt = Date.now();
		await begun;
		assert.ok(Date.now() - typedAt >= 250, "not before the 300 ms pause");
		await onDashboard();
		assert.match((await page().textContent("h1")) ?? "", /Grace Hopper/);
		assert.deepEqual(
			calls.map((call) => call.path),
			["/api/cognito/begin", "/api/cognito/respond"],
			"no Passwordless.dev call from the page: the backend ran InitiateAuth and RespondToAuthChallenge",
		);
		assert.deepEqual(calls[0]?.body, { email: EMAIL });
		assert.equal(calls[1]?.body?.username, EMAIL);
		await logout();
	});

	it("signs in with the manual button and no e-mail: usernameless, beyond Cognito", async () => {
		await page().goto(`${demo.url}/login`);
		await onLogin();
		await page().click("#signin-button");
		await onDashboard();
		assert.deepEqual(calls[0], { path: "/api/cognito/begin", body: {} });
		await logout();
	});

	it("speaks Japanese on the log in page and signs in with the button there too", async () => {
		await page().goto(`${demo.url}/login`);
		await onLogin();
		await page().click('button[data-locale="ja"]');
		await page().waitForFunction(() => document.querySelector("h1")?.textContent === "ログイン");
		assert.equal(await page().textContent("#signin-button"), "パスキーでログイン");
		await page().fill("#email", EMAIL);
		await page().click("#signin-button");
		await onDashboard();
		assert.match((await page().textContent("h1")) ?? "", /さん、おかえりなさい/);
		await page().click('button[data-locale="en"]');
	});
});
