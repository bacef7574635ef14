/**
 * A relying-party page for the browser tests of `@latchkey/client`: it loads this package (bundled on the fly with
 * esbuild, as an app's bundler would) and the official `@passwordlessdev/passwordless-client` 1.2.4 side by side, and
 * lets Node drive either through `page.evaluate`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build } from "esbuild";
import type { Page } from "playwright-core";
import { listenOnLocalhost } from "../../../server/test/e2e/browser-harness.ts";

const ENTRY = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
const LIFECYCLE = fileURLToPath(new URL("../../src/lifecycle.ts", import.meta.url));
const SIGNALS = fileURLToPath(new URL("../../src/signals.ts", import.meta.url));
const CLIENT_DIR = fileURLToPath(new URL("../..", import.meta.url));
const OFFICIAL = fileURLToPath(
	new URL("../../../../node_modules/@passwordlessdev/passwordless-client/dist/esm/passwordless.mjs", import.meta.url),
);

/**
 * `window.rp.call(impl, instance, config, method, args)` runs one method and returns its result with `error.cause`
 * replaced by `causeName` (a DOMException does not cross `page.evaluate`); `window.rp.start` does the same in the
 * background and leaves the result in `window.rp.results[id]`. Instances are kept by name so that two calls can
 * share one client (autofill, then the button).
 */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>@latchkey/client e2e</title></head>
<body>
<form><input id="username" name="username" autocomplete="username webauthn"></form>
<script type="module">
import * as latchkey from "/latchkey-client.mjs";
import * as official from "/passwordless.mjs";
import * as lifecycle from "/latchkey-lifecycle.mjs";
import * as signals from "/latchkey-signals.mjs";
import * as simpleWebAuthn from "/simplewebauthn-browser.mjs";
const impls = { latchkey, official, lifecycle: { Client: lifecycle.LifecycleClient } };
const instances = {};
const plain = (result) => {
	if (!result || !result.error) return result;
	const { cause, ...error } = result.error;
	return { ...result, error: cause === undefined ? error : { ...error, causeName: cause && cause.name } };
};
const client = (impl, instance, config) => (instances[impl + ":" + instance] ??= new impls[impl].Client(config));
window.rp = {
	results: {},
	/** \`@latchkey/client/signals\` and \`getCapabilities\` of \`@latchkey/client/lifecycle\`, as the page would call them. */
	async signal(name, options) {
		try {
			return { sent: await signals[name](options) };
		} catch (e) {
			return { threw: { name: e && e.name, message: String(e && e.message) } };
		}
	},
	capabilities: () => lifecycle.getCapabilities(),
	/** Options JSON text (as Cognito's CREDENTIAL_REQUEST_OPTIONS) → normalizeOptionsJSON → SimpleWebAuthn's startAuthentication. */
	async startAuthentication(text) {
		return simpleWebAuthn.startAuthentication({ optionsJSON: latchkey.normalizeOptionsJSON(text) });
	},
	async call(impl, instance, config, method, args) {
		try {
			return plain(await client(impl, instance, config)[method](...args));
		} catch (e) {
			return { threw: { name: e && e.name, message: String(e && e.message) } };
		}
	},
	start(id, impl, instance, config, method, args) {
		this.results[id] = "pending";
		this.call(impl, instance, config, method, args).then((result) => { this.results[id] = result; });
	},
	abort(impl, instance) {
		instances[impl + ":" + instance].abort();
	},
	forget() {
		for (const key of Object.keys(instances)) delete instances[key];
	},
};
window.ready = true;
</script>
</body></html>`;

/**
 * The page server: `/` (the page), `/latchkey-client.mjs` (this package, bundled; `/latchkey-lifecycle.mjs` and
 * `/latchkey-signals.mjs` its optional entry points), `/passwordless.mjs` (official),
 * `/simplewebauthn-browser.mjs` (`@simplewebauthn/browser`'s startAuthentication, bundled).
 */
export interface ClientPages {
	origin: string;
	close(): Promise<void>;
}

/** Bundles the client once and serves the page on its own localhost port (another origin than the API). */
export async function startClientPages(): Promise<ClientPages> {
	const bundle = async (input: Pick<BuildOptions, "entryPoints" | "stdin">): Promise<Uint8Array> =>
		(await build({ ...input, bundle: true, format: "esm", target: "es2020", write: false })).outputFiles[0]!.contents;
	const [client, lifecycle, signals, simpleWebAuthn] = await Promise.all([
		bundle({ entryPoints: [ENTRY] }),
		bundle({ entryPoints: [LIFECYCLE] }),
		bundle({ entryPoints: [SIGNALS] }),
		bundle({ stdin: { contents: 'export { startAuthentication } from "@simplewebauthn/browser";', resolveDir: CLIENT_DIR } }),
	]);
	const script = "text/javascript; charset=utf-8";
	const files: Record<string, [string, string | Uint8Array]> = {
		"/": ["text/html; charset=utf-8", PAGE],
		"/latchkey-client.mjs": [script, client],
		"/passwordless.mjs": [script, readFileSync(OFFICIAL)],
		"/latchkey-lifecycle.mjs": [script, lifecycle],
		"/latchkey-signals.mjs": [script, signals],
		"/simplewebauthn-browser.mjs": [script, simpleWebAuthn],
	};
	return listenOnLocalhost((req, res) => {
		const file = files[new URL(req.url ?? "/", "http://localhost").pathname];
		if (file) res.writeHead(200, { "content-type": file[0] }).end(file[1]);
		else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
	});
}

/** Which client runs in the page. */
export type Impl = "latchkey" | "official" | "lifecycle";

/** A result as it comes back from the page. */
export interface PageResult {
	token?: string;
	/** `LifecycleClient`'s PRF outputs */
	prf?: { enabled?: boolean; results?: { first: string; second?: string } };
	error?: {
		from?: string;
		errorCode?: string;
		title?: string;
		status?: number;
		detail?: string;
		causeName?: string;
		[member: string]: unknown;
	};
	threw?: { name: string; message: string };
}

/** Drives one client (`impl`, kept in the page under `instance`) with the given settings. */
export interface PageClient {
	call(method: string, ...args: unknown[]): Promise<PageResult>;
	/** Starts a call in the background; `result(id)` reads `"pending"` until it settles. */
	start(id: string, method: string, ...args: unknown[]): Promise<void>;
	result(id: string): Promise<PageResult | "pending">;
	abort(): Promise<void>;
}

/** Opens (or reloads) the page and waits until both clients are loaded (a reload forgets earlier instances). */
export async function openClientPage(page: Page, origin: string): Promise<void> {
	await page.goto(`${origin}/`);
	await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
}

interface Rp {
	call(...a: unknown[]): Promise<PageResult>;
	start(...a: unknown[]): void;
	abort(impl: string, instance: string): void;
	results: Record<string, PageResult | "pending">;
}

/** A handle on `new Client(config)` of `impl` in the page. */
export function pageClient(page: Page, impl: Impl, config: Record<string, string>, instance = "main"): PageClient {
	return {
		call: (method, ...args) =>
			page.evaluate(([i, n, c, m, a]) => (window as unknown as { rp: Rp }).rp.call(i, n, c, m, a), [
				impl,
				instance,
				config,
				method,
				args,
			] as const),
		start: (id, method, ...args) =>
			page.evaluate(([d, i, n, c, m, a]) => (window as unknown as { rp: Rp }).rp.start(d, i, n, c, m, a), [
				id,
				impl,
				instance,
				config,
				method,
				args,
			] as const),
		result: (id) => page.evaluate((d) => (window as unknown as { rp: Rp }).rp.results[d]!, id),
		abort: () => page.evaluate(([i, n]) => (window as unknown as { rp: Rp }).rp.abort(i, n), [impl, instance] as const),
	};
}
