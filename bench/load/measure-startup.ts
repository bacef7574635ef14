// Start-up time: from spawning `latchkey serve` on an existing database to its first answered request.
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { freePort } from "@latchkey/test-support";
import { rssMiB } from "../process-stats.ts";

const BIN = fileURLToPath(new URL("../../packages/server/bin/latchkey.js", import.meta.url));

/** Where {@link measureStartup} finds the `latchkey` to start. */
export interface StartupOptions {
	/** The bin to run with this Node. @default the checkout's packages/server/bin/latchkey.js */
	bin?: string;
	/** Working folder of the server process. @default this process's */
	cwd?: string;
	/** Also read the server's RSS this long after its first answer (idle, nothing else asked of it). @default no reading */
	idleAfterMs?: number;
}

/**
 * Starts `latchkey serve --workers 1` on the database `runs` times, each time timing spawn → first 200 from
 * `/health/http` (polled every 2 ms), and stops it again.
 * @returns every run's milliseconds and their median
 */
export async function measureStartup(
	databaseUrl: string,
	runs: number,
	options: StartupOptions = {},
): Promise<{ runsMs: number[]; medianMs: number; idleRssMiB: number[] }> {
	const runsMs: number[] = [];
	const idleRssMiB: number[] = [];
	for (let i = 0; i < runs; i++) {
		const port = await freePort();
		const started = performance.now();
		const child = spawn(
			process.execPath,
			[options.bin ?? BIN, "serve", "--port", String(port), "--database", databaseUrl, "--workers", "1"],
			{
				env: { ...process.env, LATCHKEY_LOG_LEVEL: "warn" },
				stdio: ["ignore", "ignore", "inherit"],
				...(options.cwd ? { cwd: options.cwd } : {}),
			},
		);
		const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
		let ms = Number.NaN;
		while (performance.now() - started < 20_000) {
			try {
				const response = await fetch(`http://127.0.0.1:${port}/health/http`);
				await response.arrayBuffer();
				if (response.ok) {
					ms = performance.now() - started;
					break;
				}
			} catch {
				// not listening yet
			}
			await sleep(2);
		}
		if (options.idleAfterMs !== undefined && !Number.isNaN(ms) && child.pid !== undefined) {
			await sleep(options.idleAfterMs);
			idleRssMiB.push(Math.round(rssMiB(child.pid) * 10) / 10);
		}
		child.kill("SIGTERM");
		await exited;
		if (Number.isNaN(ms)) throw new Error("latchkey serve did not answer within 20 s");
		runsMs.push(Math.round(ms));
	}
	const sorted = [...runsMs].sort((a, b) => a - b);
	return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, idleRssMiB };
}
