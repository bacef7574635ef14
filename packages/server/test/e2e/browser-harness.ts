/**
 * Shared plumbing for the real-browser end-to-end tests: a tiny relying-party page server, a headless Chromium with
 * the DevTools WebAuthn virtual authenticator, and the "backend" calls (register token, verify) made from Node.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ServerProcess, startServer, type TestApp } from "@latchkey/test-support";
import { type BrowserContext, type CDPSession, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.LATCHKEY_CHROMIUM ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * The `skip` option of the browser suites: skipped (with a reason) only outside CI when Chromium is missing.
 * Under CI a missing Chromium is not skipped: {@link launchBrowser} then throws in `before()`.
 */
export const browserSkip: string | false = !hasChromium && !process.env.CI ? `Chromium not installed at ${CHROMIUM_PATH}` : false;

const CLIENT_FILE = fileURLToPath(
	new URL("../../../../node_modules/@passwordlessdev/passwordless-client/dist/esm/passwordless.mjs", import.meta.url),
);

/**
 * The page of our own relying party: plain WebAuthn calls against the Latchkey API (cross-origin, CORS `*`).
 * `window.lk.register(...)` and `window.lk.signin(...)` return what happened instead of throwing.
 */
const OWN_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Latchkey e2e</title></head>
<body>
<form><input id="username" name="username" autocomplete="username webauthn"></form>
<script>
async function post(apiUrl, apiKey, path, body) {
	const res = await fetch(apiUrl + path, {
		method: "POST",
		headers: { "Content-Type": "application/json", ApiKey: apiKey },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	let json = null;
	try { json = JSON.parse(text); } catch {}
	return { status: res.status, contentType: res.headers.get("content-type"), body: json };
}
const party = (claimedOrigin) => ({ RPID: location.hostname, Origin: claimedOrigin || location.origin });
const browserError = (step, e) => ({ step, browserError: { name: e && e.name, message: String(e && e.message) } });
window.lk = {
	// overrideSelection rewrites authenticatorSelection before create(), to play a broken or hostile client
	async register({ apiUrl, apiKey, token, nickname, overrideSelection, timeoutMs }) {
		const begin = await post(apiUrl, apiKey, "/register/begin", { token, ...party() });
		if (begin.status !== 200) return { step: "begin", begin };
		const json = structuredClone(begin.body.data);
		if (overrideSelection) Object.assign(json.authenticatorSelection, overrideSelection);
		if (timeoutMs) json.timeout = timeoutMs;
		let credential;
		try {
			credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
		} catch (e) {
			return { ...browserError("create", e), begin };
		}
		const response = credential.toJSON();
		const complete = await post(apiUrl, apiKey, "/register/complete", { session: begin.body.session, response, nickname, ...party() });
		return { step: complete.status === 200 ? "done" : "complete", begin, credentialId: credential.id, complete };
	},
	// claimedOrigin: the Origin the page claims in the API bodies (defaults to its real origin)
	async signin({ apiUrl, apiKey, userId, alias, conditional, timeoutMs, claimedOrigin }) {
		const begin = await post(apiUrl, apiKey, "/signin/begin", { userId, alias, ...party(claimedOrigin) });
		if (begin.status !== 200) return { step: "begin", begin };
		const json = { ...begin.body.data };
		if (Array.isArray(json.allowCredentials) && json.allowCredentials.length === 0) delete json.allowCredentials;
		if (timeoutMs) json.timeout = timeoutMs;
		let credential;
		try {
			const options = { publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) };
			if (conditional) {
				if (!(await PublicKeyCredential.isConditionalMediationAvailable())) throw new Error("conditional mediation unavailable");
				options.mediation = "conditional";
			}
			credential = await navigator.credentials.get(options);
		} catch (e) {
			return { ...browserError("get", e), begin };
		}
		const response = credential.toJSON();
		const complete = await post(apiUrl, apiKey, "/signin/complete", { session: begin.body.session, response, ...party(claimedOrigin) });
		return {
			step: complete.status === 200 ? "done" : "complete",
			begin,
			credentialId: credential.id,
			userHandle: response.response.userHandle ?? null,
			complete,
		};
	},
};
</script>
</body></html>`;

/** The page that runs the official `@passwordlessdev/passwordless-client` (its ESM build, served as is). */
const CLIENT_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Passwordless client e2e</title></head>
<body>
<input id="username" name="username" autocomplete="username webauthn">
<script type="module">
import { Client } from "/passwordless.mjs";
window.PasswordlessClient = Client;
window.clientReady = true;
</script>
</body></html>`;

/** A `node:http` server for the relying-party pages, on its own localhost port (another origin than the API). */
export interface PageServer {
	origin: string;
	close(): Promise<void>;
}

/** Serves `handler` on its own `http://localhost:<port>` origin. */
export async function listenOnLocalhost(handler: Parameters<typeof createServer>[1]): Promise<PageServer> {
	const server: Server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://localhost:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Starts the page server: `/` (own page), `/client.html` (official client page), `/passwordless.mjs`. */
export async function startPageServer(): Promise<PageServer> {
	const client = readFileSync(CLIENT_FILE);
	return listenOnLocalhost((req, res) => {
		const path = new URL(req.url ?? "/", "http://localhost").pathname;
		if (path === "/" || path === "/index.html") {
			res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(OWN_PAGE);
		} else if (path === "/client.html") {
			res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(CLIENT_PAGE);
		} else if (path === "/passwordless.mjs") {
			res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(client);
		} else {
			res.writeHead(404, { "content-type": "text/plain" }).end("not found");
		}
	});
}

/** One headless Chromium (a persistent context on a fresh profile), its page and a CDP session with WebAuthn on. */
export interface Browser {
	context: BrowserContext;
	page: Page;
	cdp: CDPSession;
	close(): Promise<void>;
}

/** Launches Chromium; throws (loudly) when it is missing, which under CI fails the suite in `before()`. */
export async function launchBrowser(): Promise<Browser> {
	if (!hasChromium) throw new Error(`Chromium is required for the e2e suite but was not found at ${CHROMIUM_PATH}`);
	const profile = mkdtempSync(join(tmpdir(), "latchkey-chromium-"));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
		],
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	const cdp = await context.newCDPSession(page);
	await cdp.send("WebAuthn.enable", { enableUI: false });
	return {
		context,
		page,
		cdp,
		async close() {
			await context.close().catch(() => {});
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** A platform authenticator with user verification and resident keys (a phone or laptop passkey). */
export const PLATFORM_UV = {
	protocol: "ctap2",
	transport: "internal",
	hasResidentKey: true,
	hasUserVerification: true,
	isUserVerified: true,
	automaticPresenceSimulation: true,
} as const;

/** A plain U2F security key: no user verification, no resident keys. */
export const SECURITY_KEY_U2F = {
	protocol: "u2f",
	transport: "usb",
	hasResidentKey: false,
	hasUserVerification: false,
	automaticPresenceSimulation: true,
} as const;

declare const cdpSend: CDPSession["send"];
/** The CDP options of `WebAuthn.addVirtualAuthenticator` (playwright-core does not export its Protocol types). */
type VirtualAuthenticatorOptions = NonNullable<Parameters<typeof cdpSend<"WebAuthn.addVirtualAuthenticator">>[1]>["options"];

/** Replaces the current virtual authenticator (if any) by a fresh one; returns its id. */
export async function freshAuthenticator(cdp: CDPSession, options: Record<string, unknown>, previous?: string): Promise<string> {
	if (previous) await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: previous });
	const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
		options: options as unknown as VirtualAuthenticatorOptions,
	});
	return authenticatorId;
}

/** The Node side of the relying party: the calls made with the ApiSecret. */
export function backend(apiUrl: string, app: TestApp) {
	const post = async (path: string, body: unknown) => {
		const res = await fetch(`${apiUrl}${path}`, {
			method: "POST",
			headers: { "content-type": "application/json", ApiSecret: app.apiSecret },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		let json: Record<string, unknown> | null = null;
		try {
			json = JSON.parse(text) as Record<string, unknown>;
		} catch {
			json = null;
		}
		return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: json, text };
	};
	return {
		/** `POST /register/token`; asserts nothing, returns the token text (throws on a non-200). */
		async registerToken(body: Record<string, unknown>): Promise<string> {
			const reply = await post("/register/token", body);
			if (reply.status !== 200) throw new Error(`/register/token answered ${reply.status}: ${reply.text}`);
			return String(reply.body?.token);
		},
		/** `POST /signin/token` (a Latchkey extension); returns the `signin_` token text (throws on a non-200). */
		async signinToken(body: Record<string, unknown>): Promise<string> {
			const reply = await post("/signin/token", body);
			if (reply.status !== 200) throw new Error(`/signin/token answered ${reply.status}: ${reply.text}`);
			return String(reply.body?.token);
		},
		/** `POST /signin/verify` with the raw reply. */
		verify: (token: string) => post("/signin/verify", { token }),
		/** Adds authentication configurations, so sign-ins with these purposes keep them (unknown ones become "sign-in"). */
		async addPurposes(purposes: string[]): Promise<void> {
			for (const purpose of purposes) {
				const reply = await post("/auth-configs/add", { purpose, performedBy: "e2e" });
				if (reply.status !== 201) throw new Error(`/auth-configs/add answered ${reply.status}: ${reply.text}`);
			}
		},
	};
}

/** base64url (browser credential id) → standard padded base64 (what `/signin/verify` returns). */
export const toBase64 = (base64url: string): string => Buffer.from(base64url, "base64url").toString("base64");

/** A short unique suffix for user ids and aliases. */
export const unique = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** One WebAuthn call a page made, as {@link recordWebAuthnCalls} saw it. */
export interface RecordedCall {
	name: string;
	/** a `signal*` call's argument */
	options?: Record<string, unknown>;
	/** a `create` call's `mediation` (null when none) */
	mediation?: string | null;
}

/**
 * Installed with `page.addInitScript(recordWebAuthnCalls)`, before the page's scripts: wraps each
 * `PublicKeyCredential.signal*` the browser has and `navigator.credentials.create`, records every call in
 * `window.webauthnCalls` and passes it on; `window.nativeSignals` says which signal functions the browser has.
 * Read the calls with {@link recordedCalls}.
 */
export function recordWebAuthnCalls(): void {
	const w = window as unknown as { webauthnCalls: unknown[]; nativeSignals: Record<string, boolean> };
	const api = PublicKeyCredential as unknown as Record<string, (options: unknown) => Promise<void>>;
	w.webauthnCalls = [];
	w.nativeSignals = {};
	for (const name of ["signalUnknownCredential", "signalAllAcceptedCredentials", "signalCurrentUserDetails"]) {
		const original = api[name];
		w.nativeSignals[name] = typeof original === "function";
		if (typeof original !== "function") continue;
		api[name] = function (this: unknown, options: unknown) {
			w.webauthnCalls.push({ name, options: JSON.parse(JSON.stringify(options)) });
			return original.call(this, options);
		};
	}
	const create = navigator.credentials.create.bind(navigator.credentials);
	navigator.credentials.create = (options?: CredentialCreationOptions) => {
		w.webauthnCalls.push({ name: "create", mediation: (options as { mediation?: string } | undefined)?.mediation ?? null });
		return create(options);
	};
}

/** The calls {@link recordWebAuthnCalls} recorded in the page's current document, oldest first. */
export const recordedCalls = (page: Page): Promise<RecordedCall[]> =>
	page.evaluate(() => (window as unknown as { webauthnCalls: RecordedCall[] }).webauthnCalls);

/** What the test page's `lk.register` / `lk.signin` report back. */
export interface PageResult {
	step: string;
	credentialId?: string;
	userHandle?: string | null;
	browserError?: { name: string; message: string };
	begin?: { status: number; body: Record<string, unknown> | null };
	complete?: { status: number; contentType: string | null; body: Record<string, unknown> | null };
}

/** Runs the test page's `lk.register` or `lk.signin` with these arguments and returns what it reports. */
export function callPage(page: Page, fn: "register" | "signin", args: Record<string, unknown>): Promise<PageResult> {
	return page.evaluate(
		([name, input]) => (window as unknown as { lk: Record<string, (a: unknown) => Promise<unknown>> }).lk[name]?.(input),
		[fn, args] as const,
	) as Promise<PageResult>;
}

/** Everything one browser test file runs against: Chromium, a real `latchkey serve` with an app, and the page server. */
export interface BrowserSuite {
	browser: Browser;
	server: ServerProcess;
	pages: PageServer;
	app: TestApp;
	rp: ReturnType<typeof backend>;
}

/**
 * Starts a suite: launches Chromium, starts `latchkey serve` (with a fresh app, RP ID localhost) and the page server,
 * and opens `path` on the page server.
 * @param path - the page to open, e.g. "/" or "/client.html"
 */
export async function openBrowserSuite(path: string): Promise<BrowserSuite> {
	const browser = await launchBrowser();
	const [server, pages] = await Promise.all([startServer(), startPageServer()]);
	const app = await server.createApp({ appId: `e2e${unique()}`.slice(0, 20), rpId: "localhost" });
	await browser.page.goto(`${pages.origin}${path}`);
	return { browser, server, pages, app, rp: backend(server.url, app) };
}

/** Stops what {@link openBrowserSuite} started (any part may be missing when `before` failed half-way). */
export async function closeBrowserSuite(suite: Partial<Pick<BrowserSuite, "browser" | "pages" | "server">>): Promise<void> {
	await suite.browser?.close();
	await suite.pages?.close();
	await suite.server?.stop();
	suite.server?.cleanup();
}
