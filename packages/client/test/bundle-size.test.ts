import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const SRC = fileURLToPath(new URL("../src/index.ts", import.meta.url));
const LIFECYCLE = fileURLToPath(new URL("../src/lifecycle.ts", import.meta.url));
const SIGNALS = fileURLToPath(new URL("../src/signals.ts", import.meta.url));
/** The optional entry points' own budgets: `LifecycleClient` (which includes `Client`), and the signal helpers alone. */
const LIFECYCLE_BUDGET_BYTES = 3100;
const SIGNALS_BUDGET_BYTES = 400;
const OFFICIAL = fileURLToPath(
	new URL("../../../node_modules/@passwordlessdev/passwordless-client/dist/esm/passwordless.mjs", import.meta.url),
);
/** The budget for `Client` with `register` and every sign-in method, minified and gzipped. */
const BUDGET_BYTES = 2000;

/** Bundles `contents` as an app would (esbuild, ESM, es2020, minified) and measures it gzipped at level 9. */
async function measure(contents: string): Promise<{ code: string; minified: number; gzipped: number }> {
	const result = await build({
		stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts" },
		bundle: true,
		minify: true,
		format: "esm",
		target: "es2020",
		write: false,
	});
	const bytes = result.outputFiles[0]!.contents;
	return { code: new TextDecoder().decode(bytes), minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

const USE_EVERY_METHOD = (from: string): string => `
import { Client } from ${JSON.stringify(from)};
const client = new Client({ apiUrl: "https://passkeys.example.com", apiKey: "app:public:00000000000000000000000000000000" });
export const methods = [client.register, client.signinWithAlias, client.signinWithId, client.signinWithDiscoverable,
	client.signinWithAutofill, client.stepup, client.abort, client.isBrowserSupported, client.isPlatformSupported, client.isAutofillSupported];
`;

describe("the @latchkey/client bundle", () => {
	it(`fits Client with register and every sign-in method in ${BUDGET_BYTES} bytes gzipped`, async (t) => {
		const ours = await measure(USE_EVERY_METHOD(SRC));
		const official = await measure(USE_EVERY_METHOD(OFFICIAL));
		t.diagnostic(`@latchkey/client Client: ${ours.minified} B minified, ${ours.gzipped} B gzipped (budget ${BUDGET_BYTES} B)`);
		t.diagnostic(
			`@passwordlessdev/passwordless-client 1.2.4 Client, measured the same way: ${official.minified} B minified, ${official.gzipped} B gzipped`,
		);
		console.log(`# bundle size: @latchkey/client ${ours.gzipped} B gzipped; official client ${official.gzipped} B gzipped`);
		assert.ok(ours.gzipped <= BUDGET_BYTES, `${ours.gzipped} B gzipped is over the ${BUDGET_BYTES} B budget`);
	});

	it(`fits LifecycleClient (Client, capabilities, conditional create, PRF, unknown-credential signal) in ${LIFECYCLE_BUDGET_BYTES} bytes gzipped`, async (t) => {
		const lifecycle = await measure(`
import { LifecycleClient } from ${JSON.stringify(LIFECYCLE)};
const client = new LifecycleClient({ apiUrl: "https://passkeys.example.com", apiKey: "app:public:00000000000000000000000000000000" });
export const methods = [client.register, client.signinWithToken, client.signinWithAlias, client.capabilities, client.abort];
`);
		t.diagnostic(`@latchkey/client/lifecycle LifecycleClient: ${lifecycle.minified} B minified, ${lifecycle.gzipped} B gzipped`);
		console.log(`# bundle size: @latchkey/client/lifecycle ${lifecycle.gzipped} B gzipped`);
		assert.ok(lifecycle.gzipped <= LIFECYCLE_BUDGET_BYTES, `${lifecycle.gzipped} B gzipped`);
	});

	it(`fits the three signal helpers of @latchkey/client/signals in ${SIGNALS_BUDGET_BYTES} bytes gzipped, without Client`, async (t) => {
		const signals = await measure(`export * from ${JSON.stringify(SIGNALS)};`);
		t.diagnostic(`@latchkey/client/signals: ${signals.minified} B minified, ${signals.gzipped} B gzipped`);
		console.log(`# bundle size: @latchkey/client/signals ${signals.gzipped} B gzipped`);
		t_assertAbsent(signals.code, ["fetch", "AbortController", "passwordless.dev"]);
		assert.ok(signals.gzipped <= SIGNALS_BUDGET_BYTES, `${signals.gzipped} B gzipped`);
	});

	it("has no runtime dependencies", async () => {
		const { code } = await measure(USE_EVERY_METHOD(SRC));
		assert.doesNotMatch(code, /\bimport\b|require\(/);
	});

	it("tree-shakes: normalizeOptions alone carries no Client, fetch or error table", async () => {
		const alone = await measure(`export { normalizeOptions } from ${JSON.stringify(SRC)};`);
		t_assertAbsent(alone.code, ["fetch", "AbortController", "passwordless.dev", "ceremony_aborted"]);
		assert.ok(alone.gzipped < 400, `${alone.gzipped} B`);
	});

	it("tree-shakes: mapBrowserError alone carries no Client and no base64 code", async () => {
		const alone = await measure(`export { mapBrowserError } from ${JSON.stringify(SRC)};`);
		t_assertAbsent(alone.code, ["fetch", "atob", "btoa", "passwordless.dev"]);
	});
});

function t_assertAbsent(code: string, needles: string[]): void {
	for (const needle of needles) assert.equal(code.includes(needle), false, `${needle} found in the bundle`);
}
