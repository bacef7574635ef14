// Starts bench/reference/server.ts (the SimpleWebAuthn-docs server) in a child process on a free port.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@latchkey/test-support";

/** A running reference server. */
export interface ReferenceProcess {
	url: string;
	child: ChildProcess;
	keys: { apiKey: string; apiSecret: string };
	stop(): Promise<void>;
}

/** Spawns one of the bench's servers (`reference/<script>`) and waits for its "<name> listening" line. */
async function spawnServer(
	script: string,
	args: string[],
	env: Record<string, string>,
): Promise<{ child: ChildProcess; exited: Promise<void> }> {
	const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
	const child = spawn(process.execPath, ["--import", "tsx", path, ...args], {
		env: { ...process.env, ...env },
		stdio: ["ignore", "pipe", "pipe"],
	});
	let output = "";
	child.stderr?.on("data", (chunk: Buffer) => {
		output += chunk.toString();
	});
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 20_000);
		child.stdout?.on("data", (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes(" listening")) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once("exit", (code) => {
			clearTimeout(timer);
			reject(new Error(`${script} exited with ${code}:\n${output}`));
		});
	});
	return { child, exited: new Promise<void>((resolve) => child.once("exit", () => resolve())) };
}

/** Starts the reference server on a fresh SQLite file and waits until it listens. */
export async function startReference(): Promise<ReferenceProcess> {
	const dir = mkdtempSync(join(tmpdir(), "latchkey-reference-"));
	const port = await freePort();
	const keys = {
		apiKey: "reference:public:0123456789abcdef0123456789abcdef",
		apiSecret: "reference:secret:0123456789abcdef0123456789abcdef",
	};
	const { child, exited } = await spawnServer("server.ts", [String(port), join(dir, "reference.db")], {
		REFERENCE_API_KEY: keys.apiKey,
		REFERENCE_API_SECRET: keys.apiSecret,
	});
	return {
		url: `http://127.0.0.1:${port}`,
		child,
		keys,
		async stop() {
			child.kill("SIGTERM");
			await exited;
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Starts the floor server (an empty Fastify route, reference/floor-server.ts). */
export async function startFloor(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
	const port = await freePort();
	const { child, exited } = await spawnServer("floor-server.ts", [String(port)], {});
	return {
		url: `http://127.0.0.1:${port}`,
		child,
		async stop() {
			child.kill("SIGTERM");
			await exited;
		},
	};
}
