import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type AppKeys, ensureAppKeys } from "./ensure-app-keys.ts";
import { isBuildStale } from "./is-build-stale.ts";
import { startLatchkeyDev } from "./start-latchkey-dev.ts";

/** A relying party listening on a URL. */
export interface RunningApp {
	url: string;
	close(): Promise<void>;
}

/** What {@link runLocalStack} runs: one relying party beside an embedded Latchkey. */
export interface LocalStackOptions {
	/** The command, for error messages: "npm start". */
	command: string;
	/** The banner's first line. */
	title: string;
	/** The repository root: Latchkey runs there and keeps its database, the app keys and secrets in its data/. */
	repo: string;
	/** The Latchkey app id (RP ID localhost), created on first use. */
	appId: string;
	/** File name in data/ for the app's keys, e.g. "demo-app-keys.json". */
	keysFile: string;
	/** The production front end, built before the app starts when missing or older than its sources. */
	frontEnd: { output: string; sources: readonly string[]; build(): Promise<void> };
	/** Starts the relying party with Latchkey's URL, the app's keys and the data/ folder. */
	start(input: { apiUrl: string; keys: AppKeys; dataDir: string }): Promise<RunningApp>;
	/** @default process.env */
	env?: Record<string, string | undefined>;
}

/**
 * Runs a relying party on a fresh clone with one command: starts `latchkey dev` (port `LATCHKEY_PORT`, default 4000;
 * a Latchkey already answering there is shared, so `npm start` and `npm run start:angular` can run side by side),
 * creates the app and keeps its keys in data/, builds the front end when stale, starts the app, prints the URL to
 * open, and stops both on Ctrl+C. Any failure prints one clear line and exits with code 1.
 * @param options - see {@link LocalStackOptions}
 * @example
 * await runLocalStack({ command: "npm start", title: "Latchkey demo", repo, appId: "demo", keysFile: "demo-app-keys.json", frontEnd, start });
 */
export async function runLocalStack(options: LocalStackOptions): Promise<void> {
	const env = options.env ?? process.env;
	const fail = (error: unknown): never => {
		console.error(`\n  ${options.command}: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	};
	const dataDir = join(options.repo, "data");
	mkdirSync(dataDir, { recursive: true });
	const latchkeyPort = Number(env.LATCHKEY_PORT ?? "4000");
	const apiUrl = `http://localhost:${latchkeyPort}`;
	// A Latchkey already answering there (the other app's `npm start…`) is shared, and left running at the end.
	const shared = await fetch(`http://127.0.0.1:${latchkeyPort}/health/http`).then(
		(res) => res.ok,
		() => false,
	);
	const latchkey = shared ? null : await startLatchkeyDev({ port: latchkeyPort, cwd: options.repo }).catch(fail);
	const stopLatchkey = (): void => {
		latchkey?.kill("SIGTERM");
	};
	process.once("exit", stopLatchkey);
	latchkey?.once("exit", (code) => fail(`Latchkey stopped (exit code ${code}).`));

	try {
		const keysFile = join(dataDir, options.keysFile);
		const keys = await ensureAppKeys({ apiUrl: `http://127.0.0.1:${latchkeyPort}`, appId: options.appId, keysFile, cwd: options.repo });
		if (isBuildStale(options.frontEnd.output, options.frontEnd.sources)) {
			console.log("  Building the front end…");
			await options.frontEnd.build();
		}
		const app = await options.start({ apiUrl: env.LATCHKEY_API_URL ?? apiUrl, keys, dataDir });
		console.log(
			[
				"",
				`  ${options.title}`,
				"",
				`  ➜  Open ${app.url}`,
				"",
				`     Latchkey     ${apiUrl} (API, and a playground at /)${shared ? ", already running: shared" : ""}`,
				`     App          ${keys.appId} (RP ID localhost; keys kept in data/${options.keysFile})`,
				`       ApiKey     ${keys.apiKey}`,
				`       ApiSecret  ${keys.apiSecret}`,
				"     The playground uses the dev app; its keys are in data/dev-app-keys.json.",
				"     Press Ctrl+C to stop.",
				"",
			].join("\n"),
		);
		const stop = (): void => {
			latchkey?.removeAllListeners("exit");
			void app.close().then(() => {
				if (!latchkey) process.exit(0);
				latchkey.once("exit", () => process.exit(0));
				stopLatchkey();
			});
		};
		process.once("SIGINT", stop);
		process.once("SIGTERM", stop);
	} catch (error) {
		fail(error);
	}
}
