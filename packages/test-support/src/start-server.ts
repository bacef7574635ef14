import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

// The checkout's own bin, found through the workspace package (not a path into another package's folder).
const BIN = join(dirname(createRequire(import.meta.url).resolve("@latchkey/server/package.json")), "bin", "latchkey.js");
const run = promisify(execFile);

/** An app created through the real CLI. */
export interface TestApp {
	appId: string;
	apiKey: string;
	apiSecret: string;
}

/** A `latchkey serve` child process on a throwaway SQLite file (or the database it was given). */
export interface ServerProcess {
	url: string;
	port: number;
	databaseUrl: string;
	dir: string;
	child: ChildProcess;
	/** Everything the process wrote to stdout (pino JSON lines). */
	logs(): string;
	/** Creates an app with `latchkey app create --json` against the same database. */
	createApp(input: { appId: string; rpId: string; origins?: string[]; reusableVerifyTokens?: boolean }): Promise<TestApp>;
	/** SIGTERM and wait; resolves with the exit code. */
	stop(): Promise<number | null>;
	/** SIGKILL (a crash) and wait. */
	kill(): Promise<void>;
	/** Removes the temp folder (after stop/kill). */
	cleanup(): void;
}

/**
 * Starts the real CLI (`latchkey serve`) on a free port and a temp database, and waits until it listens.
 * @param options - reuse a folder (to restart on the same database), another database (e.g. `postgres://…`, shared
 * by several servers), extra env, extra args
 */
export async function startServer(
	options: { dir?: string; databaseUrl?: string; env?: Record<string, string>; args?: string[] } = {},
): Promise<ServerProcess> {
	const dir = options.dir ?? mkdtempSync(join(tmpdir(), "latchkey-test-"));
	const databaseUrl = options.databaseUrl ?? `sqlite:${join(dir, "latchkey.db")}`;
	// One process unless a test asks for workers (the default is one per core).
	const args = options.args ?? [];
	const workers = args.includes("--workers") ? [] : ["--workers", "1"];
	const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--database", databaseUrl, ...workers, ...args], {
		// Rate limits are off unless a test sets them: tests send thousands of requests a minute from one address.
		env: {
			...process.env,
			LATCHKEY_LOG_LEVEL: "info",
			LATCHKEY_RATE_LIMIT_PER_IP: "0",
			LATCHKEY_RATE_LIMIT_PER_APP: "0",
			LATCHKEY_RATE_LIMIT_PER_KEY: "0",
			...options.env,
		},
		stdio: ["ignore", "pipe", "pipe"],
	});
	let out = "";
	let err = "";
	child.stdout?.on("data", (chunk: Buffer) => {
		out += chunk.toString();
	});
	child.stderr?.on("data", (chunk: Buffer) => {
		err += chunk.toString();
	});
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`latchkey serve did not start in 20 s:\n${out}\n${err}`)), 20_000);
		const check = (): void => {
			const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stdout?.on("data", check);
		child.once("exit", (code) => {
			clearTimeout(timer);
			reject(new Error(`latchkey serve exited with ${code}:\n${out}\n${err}`));
		});
	});
	const port = Number(new URL(url).port);
	const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
	return {
		url: `http://localhost:${port}`,
		port,
		databaseUrl,
		dir,
		child,
		logs: () => out,
		async createApp(input) {
			const args = [BIN, "app", "create", input.appId, "--rp-id", input.rpId, "--database", databaseUrl, "--json"];
			for (const origin of input.origins ?? []) args.push("--origin", origin);
			if (input.reusableVerifyTokens) args.push("--reusable-verify-tokens");
			const { stdout } = await run(process.execPath, args);
			return JSON.parse(stdout) as TestApp;
		},
		async stop() {
			child.kill("SIGTERM");
			return exited;
		},
		async kill() {
			child.kill("SIGKILL");
			await exited;
		},
		cleanup() {
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
