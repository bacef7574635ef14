/**
 * The packed artefacts, used as a new user uses them (issue 15): every package is packed with `npm pack`, the tarballs
 * are installed into a fresh project under the temp folder (no workspace links, no tsx), and there the consumer's own
 * tools and scripts (copied from ./consumer/) run the CLI, the library entry point, both SDKs, the types and the
 * browser SDK bundled by esbuild in Chromium.
 * @see https://github.com/latchkey/latchkey/issues/15
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { TestApp } from "@latchkey/test-support";
import { type Browser, backend, browserSkip, freshAuthenticator, launchBrowser, PLATFORM_UV } from "../e2e/browser-harness.ts";
import {
	cleanEnv,
	consumerTools,
	directorySize,
	freePort,
	importedPackages,
	PACKAGES,
	packAll,
	REPO_ROOT,
	type RunResult,
	run,
	runOk,
	type Tarball,
} from "./packed-project.ts";
import { type ServeProcess, type StaticServer, startServe, startStaticServer } from "./packed-servers.ts";

const FIXTURES = fileURLToPath(new URL("./consumer/", import.meta.url));
const DATABASE = "sqlite:./data/latchkey.db";
const MiB = 2 ** 20;
type Json = Record<string, unknown>;

/** The last line of a script's output, as JSON. */
const lastJson = (result: RunResult): Json => {
	assert.equal(result.code, 0, `exit ${result.code}\n${result.stdout}\n${result.stderr}`);
	return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as Json;
};

describe("the packed packages, installed outside the workspace", { timeout: 900_000 }, () => {
	let work = "";
	/** The consumer: every tarball plus typescript, @types/node and esbuild. */
	let project = "";
	/** Only @latchkey/server (and @latchkey/protocol) with --omit=dev: what `npm install @latchkey/server` brings. */
	let serverOnly = "";
	let tarballs: Tarball[] = [];
	let pages: StaticServer | undefined;
	let server: ServeProcess | undefined;
	let keys: TestApp;
	const timings: string[] = [];

	/** `node <script>` in the consumer, with the app's keys and URLs. */
	const runScript = (script: string, ...args: string[]): Promise<RunResult> =>
		run(process.execPath, [script, ...args], {
			cwd: project,
			env: cleanEnv({
				LATCHKEY_URL: server?.url ?? "",
				LATCHKEY_API_KEY: keys.apiKey,
				LATCHKEY_API_SECRET: keys.apiSecret,
				ORIGIN: pages?.origin ?? "",
			}),
			timeoutMs: 60_000,
		});
	const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
		const started = performance.now();
		const result = await step();
		timings.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
		return result;
	};

	before(
		async () => {
			work = mkdtempSync(join(tmpdir(), "latchkey-packed-"));
			project = join(work, "consumer");
			serverOnly = join(work, "server-only");
			for (const dir of [project, serverOnly]) mkdirSync(dir);
			cpSync(FIXTURES, project, { recursive: true });
			// As the READMEs say: npm 12 runs a dependency's install script (better-sqlite3's build) only when allowed.
			const allowScripts = { "better-sqlite3": true, esbuild: true };
			const manifest = (name: string, type?: "module"): string => JSON.stringify({ name, private: true, type, allowScripts }, null, 2);
			writeFileSync(join(project, "package.json"), manifest("consumer", "module"));
			writeFileSync(join(serverOnly, "package.json"), manifest("server-only"));

			tarballs = await timed("npm pack", () => packAll(join(work, "tarballs")));
			const tgz = (name: string): string => tarballs.find((t) => t.name === name)?.path ?? assert.fail(`${name} was not packed`);
			const install = ["install", "--no-audit", "--no-fund", "--no-update-notifier"];
			await timed("npm install (consumer, better-sqlite3 from source)", () =>
				runOk("npm", [...install, ...PACKAGES.map(tgz), ...consumerTools()], { cwd: project, timeoutMs: 480_000 }),
			);
			// The tree and its size need no native build: scripts are skipped here (the consumer above runs them).
			await timed("npm install (server only, --omit=dev)", () =>
				runOk("npm", [...install, "--omit=dev", "--ignore-scripts", tgz("@latchkey/protocol"), tgz("@latchkey/server")], {
					cwd: serverOnly,
					timeoutMs: 300_000,
				}),
			);

			pages = await startStaticServer(join(project, "public"));
			const created = await runOk(
				"npx",
				["latchkey", "app", "create", "shop", "--rp-id", "localhost", "--origin", pages.origin, "--database", DATABASE, "--json"],
				{ cwd: project },
			);
			keys = JSON.parse(created) as TestApp;
			server = await startServe(project, await freePort(), DATABASE);
		},
		{ timeout: 600_000 },
	);

	after(async () => {
		server?.kill();
		await pages?.close();
		if (work) rmSync(work, { recursive: true, force: true });
	});

	it("packs each package with dist/ (JavaScript, .d.ts), its README and no TypeScript sources", (t) => {
		assert.deepEqual(tarballs.map((p) => p.name).sort(), [...PACKAGES].sort());
		for (const tarball of tarballs) {
			for (const file of ["package.json", "README.md", "dist/index.js", "dist/index.d.ts"]) {
				assert.ok(tarball.files.includes(file), `${tarball.name} lacks ${file}`);
			}
			const sources = tarball.files.filter((f) => /\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f));
			assert.deepEqual(sources, [], `${tarball.name} ships TypeScript sources`);
			assert.ok(!tarball.files.some((f) => f.endsWith(".tsbuildinfo")), `${tarball.name} ships a .tsbuildinfo`);
			t.diagnostic(`${tarball.name}: ${tarball.size} B packed, ${tarball.unpackedSize} B unpacked, ${tarball.files.length} files`);
		}
		const server = tarballs.find((p) => p.name === "@latchkey/server")?.files ?? [];
		for (const file of ["bin/latchkey.js", "dist/cli.js", "src/migrations/sqlite/0001_create_schema.sql", "src/public/playground.html"]) {
			assert.ok(server.includes(file), `@latchkey/server lacks ${file}`);
		}
		assert.ok(!server.some((f) => f.startsWith("scripts/")), "the checkout's dev-build script is not shipped");
		t.diagnostic(`timings: ${timings.join(", ")}`);
	});

	it("installs copies of the tarballs, not links into the checkout, and no tsx", () => {
		for (const name of PACKAGES) {
			const dir = join(project, "node_modules", name);
			assert.ok(!lstatSync(dir).isSymbolicLink(), `${name} is a link`);
			assert.ok(!realpathSync(dir).startsWith(REPO_ROOT), `${name} resolves into the checkout`);
		}
		assert.ok(!realpathSync(project).startsWith(REPO_ROOT), "the consumer is outside the checkout");
		assert.ok(!existsSync(join(project, "node_modules", "tsx")), "tsx is installed");
	});

	it("declares every package that dist/ imports (JavaScript and .d.ts) as a dependency", () => {
		const missing: string[] = [];
		for (const name of PACKAGES) {
			const dir = join(project, "node_modules", name);
			const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
			const declared = new Set(
				["dependencies", "optionalDependencies", "peerDependencies"].flatMap((field) => Object.keys(manifest[field] ?? {})),
			);
			for (const [imported, file] of importedPackages(join(dir, "dist"))) {
				if (imported !== name && !declared.has(imported)) missing.push(`${name} imports ${imported} (dist/${file})`);
			}
		}
		assert.deepEqual(missing, []);
	});

	it("keeps tsx, esbuild and typescript out of @latchkey/server's production dependency tree", async (t) => {
		const listed = await run("npm", ["ls", "--all", "--parseable", "--omit=dev"], { cwd: serverOnly });
		const names = listed.stdout
			.split("\n")
			.filter((line) => line.includes("node_modules"))
			.map((line) => line.slice(line.lastIndexOf("node_modules/") + "node_modules/".length));
		assert.ok(names.includes("@latchkey/server") && names.includes("fastify"), listed.stdout + listed.stderr);
		for (const name of ["tsx", "esbuild", "typescript"]) {
			assert.ok(!names.some((n) => n === name || n.startsWith(`@${name}/`) || n.startsWith(`${name}-`)), `${name} is installed`);
		}
		const size = directorySize(join(serverOnly, "node_modules"));
		const nativeBuild = directorySize(join(project, "node_modules", "better-sqlite3", "build"));
		t.diagnostic(
			`server production node_modules: ${(size / MiB).toFixed(1)} MiB in ${names.length} packages, without better-sqlite3's ` +
				`native build (${(nativeBuild / MiB).toFixed(1)} MiB here, compiled from source)`,
		);
	});

	it("creates an app with `npx latchkey app create --json`", () => {
		assert.equal(keys.appId, "shop");
		assert.match(keys.apiKey, /^shop:public:[0-9a-f]{32}$/);
		assert.match(keys.apiSecret, /^shop:secret:[0-9a-f]{32}$/);
	});

	it("serves /health/http from `npx latchkey serve` on the SQLite file", async (t) => {
		assert.ok(server);
		assert.deepEqual(await (await fetch(`${server.url}/health/http`)).json(), { status: "ok" });
		const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1];
		t.diagnostic(`npx latchkey serve: ${server.startMs.toFixed(0)} ms to the first /health/http answer; RSS ${Number(rss) >> 10} MiB`);
	});

	it("registers and signs in from an ESM script with @latchkey/node and @latchkey/testing", async () => {
		const result = lastJson(await runScript("flow.mjs", "esm-user"));
		assert.deepEqual(result, {
			module: "esm",
			registerToken: "register_",
			registeredType: "passkey_register",
			userId: "esm-user",
			type: "passkey_signin",
			credentialIdMatches: true,
			timestampIsDate: true,
			authenticatorName: "Google Password Manager",
		});
	});

	it("registers and signs in from a CommonJS script that require()s the packages", async () => {
		const result = lastJson(await runScript("flow.cjs", "cjs-user"));
		assert.deepEqual(result, {
			module: "cjs",
			registerToken: "register_",
			userId: "cjs-user",
			type: "passkey_signin",
			credentialIdMatches: true,
			timestampIsDate: true,
			replay: "invalid_token",
		});
	});

	it("embeds the server through the library entry point (loadConfig, createDeps, createApp, buildApp)", async () => {
		const result = lastJson(await runScript("embed.mjs"));
		assert.deepEqual(result, { health: { status: "ok" }, appId: "embedded", tokenStatus: 200, token: "register_" });
	});

	it("verifies a registration and a sign-in through @latchkey/server/webauthn as installed", async () => {
		const result = lastJson(await runScript("verify-library.mjs"));
		assert.deepEqual(result, {
			fmt: "packed",
			aaguid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
			alg: -7,
			trusted: false,
			keyBytes: true,
			newCounter: 1,
			replay: "counter_regression",
		});
	});

	it("type-checks a TypeScript consumer of the client, node and server packages (strict, NodeNext, exactOptionalPropertyTypes, skipLibCheck off)", async () => {
		const result = await run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { cwd: project });
		assert.equal(result.code, 0, result.stdout + result.stderr);
	});

	it("reports wrong uses of the packed types as type errors", async () => {
		writeFileSync(
			join(project, "wrong.ts"),
			[
				'import { Client } from "@latchkey/client";',
				'import { Latchkey } from "@latchkey/node";',
				'const latchkey = new Latchkey({ apiUrl: "http://localhost:4000", apiSecret: "shop:secret:0123" });',
				"await latchkey.verifyToken(42);",
				'new Client({ apiUrl: "http://localhost:4000" });',
				'import { verifyRegistrationResponse } from "@latchkey/server/webauthn";',
				'await verifyRegistrationResponse({ response: {} as never, expectedChallenge: "x", expectedRpId: "a.example" });',
				"",
			].join("\n"),
		);
		writeFileSync(join(project, "tsconfig.wrong.json"), JSON.stringify({ extends: "./tsconfig.json", files: ["wrong.ts"] }));
		const result = await run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.wrong.json"], { cwd: project });
		assert.notEqual(result.code, 0, result.stdout);
		assert.match(result.stdout, /wrong\.ts\(4,\d+\): error TS2345: Argument of type 'number'/, "a number is not a token");
		assert.match(result.stdout, /wrong\.ts\(5,\d+\): error TS\d+:/, "a Client without apiKey");
		assert.match(result.stdout, /Property 'apiKey' is missing/);
		assert.match(
			result.stdout,
			/wrong\.ts\(7,\d+\): error TS2345:[\s\S]*Property 'expectedOrigin' is missing/,
			"expectedOrigin is required",
		);
	});

	it("fits Client in the 2,000 B gzipped budget when the consumer bundles it", async (t) => {
		const esbuild = join(project, "node_modules", ".bin", "esbuild");
		const args = ["sdk-size.mjs", "--bundle", "--format=esm", "--target=es2020", "--minify", "--outfile=out/sdk-size.js"];
		await runOk(esbuild, args, { cwd: project });
		const bundle = readFileSync(join(project, "out", "sdk-size.js"));
		const gzipped = gzipSync(bundle, { level: 9 }).length;
		t.diagnostic(`@latchkey/client Client bundled from the tarball: ${bundle.length} B minified, ${gzipped} B gzipped`);
		assert.doesNotMatch(bundle.toString(), /\bimport\b|require\(/, "the bundle has no imports left");
		assert.ok(gzipped <= 2000, `${gzipped} B gzipped`);
	});

	it("bundles the optional @latchkey/client/lifecycle and /signals entry points from the tarball", async (t) => {
		const esbuild = join(project, "node_modules", ".bin", "esbuild");
		const args = ["lifecycle-size.mjs", "--bundle", "--format=esm", "--target=es2020", "--minify", "--outfile=out/lifecycle-size.js"];
		await runOk(esbuild, args, { cwd: project });
		const bundle = readFileSync(join(project, "out", "lifecycle-size.js"));
		const gzipped = gzipSync(bundle, { level: 9 }).length;
		t.diagnostic(`LifecycleClient and the signal helpers bundled from the tarball: ${bundle.length} B minified, ${gzipped} B gzipped`);
		assert.doesNotMatch(bundle.toString(), /\bimport\b|require\(/, "the bundle has no imports left");
		assert.match(bundle.toString(), /signalUnknownCredential/);
		assert.ok(gzipped <= 3200, `${gzipped} B gzipped`);
	});

	describe("the packed @latchkey/client, bundled by the consumer's esbuild, in Chromium", { skip: browserSkip }, () => {
		let browser: Browser | undefined;

		before(async () => {
			const esbuild = join(project, "node_modules", ".bin", "esbuild");
			await runOk(esbuild, ["page.mjs", "--bundle", "--format=esm", "--target=es2020", "--outfile=public/page.js"], { cwd: project });
			cpSync(join(project, "index.html"), join(project, "public", "index.html"));
			browser = await launchBrowser();
			await freshAuthenticator(browser.cdp, PLATFORM_UV);
		});

		after(async () => {
			await browser?.close();
		});

		it("registers a passkey and signs in with it through the virtual authenticator", async () => {
			assert.ok(browser && pages && server);
			const { page } = browser;
			await page.goto(`${pages.origin}/`);
			await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
			const rp = backend(server.url, keys);
			const config = { apiUrl: server.url, apiKey: keys.apiKey };
			type Rp = Record<"register" | "signin", (config: unknown, token?: string) => Promise<Json>>;

			const registerToken = await rp.registerToken({ userId: "browser-user", username: "browser@example.com" });
			const registered = await page.evaluate(([c, token]) => (window as unknown as { rp: Rp }).rp.register(c, token), [
				config,
				registerToken,
			] as const);
			assert.match(String(registered.token), /^verify_/, JSON.stringify(registered));

			const signedIn = await page.evaluate((c) => (window as unknown as { rp: Rp }).rp.signin(c), config);
			assert.match(String(signedIn.token), /^verify_/, JSON.stringify(signedIn));
			const verified = await rp.verify(String(signedIn.token));
			assert.equal(verified.status, 200, verified.text);
			assert.equal(verified.body?.userId, "browser-user");
			assert.equal(verified.body?.type, "passkey_signin");
			assert.equal(verified.body?.origin, pages.origin);
		});
	});

	it("serves the playground for its own dev app with `npx latchkey dev` (the README's first step)", async () => {
		const dev = await startServe(project, await freePort(), "sqlite:./data/dev.db", "dev");
		try {
			const page = await fetch(`${dev.url}/`);
			assert.equal(page.status, 200);
			assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
			assert.match(await page.text(), /<title>Latchkey playground<\/title>/);
			assert.equal((await fetch(`${dev.url}/playground.js`)).status, 200);
			const config = (await (await fetch(`${dev.url}/playground/config`)).json()) as { appId: string; apiKey: string };
			assert.equal(config.appId, "dev");
			assert.match(config.apiKey, /^dev:public:[0-9a-f]{32}$/);
			assert.ok(existsSync(join(project, "data", "dev-app-keys.json")));
		} finally {
			assert.deepEqual(await dev.stop(), { code: 0, signal: null }, dev.logs());
		}
	});

	it("stops `latchkey serve` cleanly on SIGTERM", async () => {
		assert.ok(server);
		const exit = await server.stop();
		assert.deepEqual(exit, { code: 0, signal: null }, server.logs());
		assert.match(server.logs(), /"signal":"SIGTERM","msg":"shutting down"/);
	});
});
