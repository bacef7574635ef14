/**
 * The two servers of the packed-artefact test: `npx latchkey serve` from the temp project, and a static file server
 * for the consumer's bundled page (its own localhost origin, as a relying party's front end).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { cleanEnv, waitForOk } from "./packed-project.ts";

/** `npx latchkey serve` in its own process group. */
export interface ServeProcess {
	url: string;
	/** The server's own pid (npx runs it as a child of `npm exec`), from its log. */
	pid: number;
	/** Milliseconds from spawning `npx` to the first 200 of /health/http. */
	startMs: number;
	logs(): string;
	/** SIGTERM to the server itself (npm exec does not pass signals on); resolves with npm exec's exit. */
	stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** SIGKILL to the whole process group, for cleanup after a failure. */
	kill(): void;
}

/**
 * Starts `npx latchkey serve --port <port> --database <database> --workers 1` (or `latchkey dev`, which serves the
 * playground for its own dev app) in `cwd` and waits for /health/http.
 */
export async function startServe(cwd: string, port: number, database: string, command: "serve" | "dev" = "serve"): Promise<ServeProcess> {
	const started = performance.now();
	const args = ["latchkey", command, "--port", String(port), "--database", database, ...(command === "serve" ? ["--workers", "1"] : [])];
	const child = spawn("npx", args, {
		cwd,
		env: cleanEnv({ LATCHKEY_LOG_LEVEL: "info" }),
		stdio: ["ignore", "pipe", "pipe"],
		detached: true,
	});
	let out = "";
	child.stdout.on("data", (chunk: Buffer) => {
		out += chunk.toString();
	});
	child.stderr.on("data", (chunk: Buffer) => {
		out += chunk.toString();
	});
	let stopped = false;
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once("exit", (code, signal) => resolve({ code, signal })),
	);
	// The whole group (npm exec and the server under it), unless the server has already stopped cleanly.
	const kill = (): void => {
		if (stopped || child.pid === undefined) return;
		try {
			process.kill(-child.pid, "SIGKILL");
		} catch {
			// already gone
		}
	};
	const url = `http://localhost:${port}`;
	try {
		await waitForOk(`${url}/health/http`, child);
	} catch (error) {
		kill();
		throw new Error(`npx latchkey ${command} did not come up: ${(error as Error).message}\n${out}`);
	}
	const startMs = performance.now() - started;
	const pid = Number(/"pid":(\d+)[^\n]*"msg":"latchkey listening"/.exec(out)?.[1]);
	if (!Number.isInteger(pid) || pid <= 0) {
		kill();
		throw new Error(`no "latchkey listening" log line with a pid:\n${out}`);
	}
	return {
		url,
		pid,
		startMs,
		logs: () => out,
		async stop() {
			process.kill(pid, "SIGTERM");
			const result = await exit;
			stopped = result.code === 0;
			return result;
		},
		kill,
	};
}

const TYPES: Record<string, string> = {
	".html": "text/html; charset=utf-8",
	".js": "text/javascript; charset=utf-8",
	".map": "application/json",
};

/** A static file server on its own localhost port. */
export interface StaticServer {
	origin: string;
	port: number;
	close(): Promise<void>;
}

/** Serves the files of `root` (`/` is `index.html`) on 127.0.0.1. */
export async function startStaticServer(root: string): Promise<StaticServer> {
	const server = createServer((req, res) => {
		const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
		const file = normalize(join(root, pathname === "/" ? "index.html" : pathname));
		try {
			if (!file.startsWith(root)) throw new Error("outside the root");
			const body = readFileSync(file);
			res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
		} catch {
			res.writeHead(404, { "content-type": "text/plain" }).end("not found");
		}
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://localhost:${port}`,
		port,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
