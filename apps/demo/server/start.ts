// `npm start` at the repository root: Latchkey (embedded SQLite store, with its playground) plus the demo, on a fresh
// clone too. Creates the demo app and its keys once (data/demo-app-keys.json) and a session secret
// (data/demo-session-secret), builds the front end when there is no current build, and prints the URL to open.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildFrontEnd } from "./build-front-end.ts";
import { loadDemoConfig } from "./demo-config.ts";
import { startDemoServer } from "./start-demo-server.ts";

interface AppKeys {
	appId: string;
	apiKey: string;
	apiSecret: string;
}

const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const DEMO = fileURLToPath(new URL("..", import.meta.url));
const LATCHKEY_BIN = join(REPO, "packages/server/bin/latchkey.js");
const DATA = join(REPO, "data");
const KEYS_FILE = join(DATA, "demo-app-keys.json");
const SECRET_FILE = join(DATA, "demo-session-secret");
const DIST = join(DEMO, "dist");
const run = promisify(execFile);

function fail(message: string): never {
	console.error(`\n  npm start: ${message}\n`);
	process.exit(1);
}

/** Starts `latchkey dev` and resolves once its health check answers. */
async function startLatchkey(port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, [LATCHKEY_BIN, "dev", "--port", String(port)], {
		cwd: REPO,
		env: { LATCHKEY_LOG_LEVEL: "warn", ...process.env },
		stdio: ["ignore", "inherit", "pipe"],
	});
	let banner = "";
	child.stderr?.on("data", (chunk: Buffer) => {
		banner += chunk.toString();
	});
	const exited = new Promise<never>((_resolve, reject) => {
		child.once("exit", (code) => reject(new Error(`Latchkey exited with code ${code}.\n${banner.trim()}`)));
	});
	const healthy = (async (): Promise<void> => {
		for (let attempt = 0; attempt < 150; attempt++) {
			const ok = await fetch(`http://127.0.0.1:${port}/health/http`).then(
				(res) => res.ok,
				() => false,
			);
			if (ok) return;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`Latchkey did not answer on port ${port} within 30 s.\n${banner.trim()}`);
	})();
	await Promise.race([healthy, exited]);
	return child;
}

/** The demo app's keys: kept in data/, checked against the server, created again when the database lost the app. */
async function ensureDemoApp(apiUrl: string): Promise<AppKeys> {
	if (existsSync(KEYS_FILE)) {
		const keys = JSON.parse(readFileSync(KEYS_FILE, "utf8")) as AppKeys;
		const check = await fetch(`${apiUrl}/users/count`, { headers: { ApiSecret: keys.apiSecret } });
		if (check.ok) return keys;
	}
	for (const appId of ["demo", `demo${randomBytes(3).toString("hex")}`]) {
		try {
			const { stdout } = await run(process.execPath, [LATCHKEY_BIN, "app", "create", appId, "--rp-id", "localhost", "--json"], {
				cwd: REPO,
			});
			const keys = JSON.parse(stdout) as AppKeys;
			writeFileSync(KEYS_FILE, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
			return keys;
		} catch (error) {
			if (!String((error as { stderr?: string }).stderr ?? "").includes("exists")) throw error;
		}
	}
	throw new Error("could not create the demo app");
}

function sessionSecret(): string {
	if (process.env.DEMO_SESSION_SECRET) return process.env.DEMO_SESSION_SECRET;
	if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, "utf8").trim();
	const secret = randomBytes(32).toString("base64url");
	writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
	return secret;
}

/** The newest modification time under a path (the front end's sources). */
function newest(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

async function main(): Promise<void> {
	mkdirSync(DATA, { recursive: true });
	const latchkeyPort = Number(process.env.LATCHKEY_PORT ?? "4000");
	const apiUrl = `http://localhost:${latchkeyPort}`;
	const latchkey = await startLatchkey(latchkeyPort).catch((error: unknown) =>
		fail(error instanceof Error ? error.message : String(error)),
	);
	const stopLatchkey = (): void => {
		latchkey.kill("SIGTERM");
	};
	process.once("exit", stopLatchkey);
	latchkey.once("exit", (code) => fail(`Latchkey stopped (exit code ${code}).`));

	const keys = await ensureDemoApp(`http://127.0.0.1:${latchkeyPort}`);
	const index = join(DIST, "index.html");
	const sources = Math.max(newest(join(DEMO, "src")), newest(join(DEMO, "index.html")));
	if (!existsSync(index) || statSync(index).mtimeMs < sources) {
		console.log("  Building the demo front end…");
		await buildFrontEnd(DIST);
	}
	const config = loadDemoConfig({
		DEMO_DATA_FILE: join(DATA, "demo-store.json"),
		DEMO_STATIC_DIR: DIST,
		...process.env,
		LATCHKEY_API_URL: process.env.LATCHKEY_API_URL ?? apiUrl,
		LATCHKEY_API_KEY: process.env.LATCHKEY_API_KEY ?? keys.apiKey,
		LATCHKEY_API_SECRET: process.env.LATCHKEY_API_SECRET ?? keys.apiSecret,
		DEMO_SESSION_SECRET: sessionSecret(),
	});
	const demo = await startDemoServer(config).catch((error: unknown) =>
		fail(`the demo could not start: ${error instanceof Error ? error.message : String(error)}`),
	);
	console.log(
		[
			"",
			"  Latchkey demo: Payment Dashboard",
			"",
			`  ➜  Open ${demo.url}`,
			"",
			`     Latchkey     ${apiUrl} (API, and a playground at /)`,
			`     Demo app     ${keys.appId} (RP ID localhost; keys kept in data/demo-app-keys.json)`,
			`       ApiKey     ${keys.apiKey}`,
			`       ApiSecret  ${keys.apiSecret}`,
			"     The playground uses the dev app; its keys are in data/dev-app-keys.json.",
			"     Press Ctrl+C to stop.",
			"",
		].join("\n"),
	);
	const stop = (): void => {
		latchkey.removeAllListeners("exit");
		void demo.close().then(() => {
			latchkey.once("exit", () => process.exit(0));
			stopLatchkey();
		});
	};
	process.once("SIGINT", stop);
	process.once("SIGTERM", stop);
}

await main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
