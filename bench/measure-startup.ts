// Start-up time: from spawning `latchkey serve` on an existing database to its first answered request.
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { freePort } from "./reference-process.ts";

const BIN = fileURLToPath(new URL("../packages/server/bin/latchkey.js", import.meta.url));

/**
 * Starts `latchkey serve --workers 1` on the database `runs` times, each time timing spawn → first 200 from
 * `/health/http` (polled every 2 ms), and stops it again.
 * @returns every run's milliseconds and their median
 */
export async function measureStartup(databaseUrl: string, runs: number): Promise<{ runsMs: number[]; medianMs: number }> {
	const runsMs: number[] = [];
	for (let i = 0; i < runs; i++) {
		const port = await freePort();
		const started = performance.now();
		const child = spawn(process.execPath, [BIN, "serve", "--port", String(port), "--database", databaseUrl, "--workers", "1"], {
			env: { ...process.env, LATCHKEY_LOG_LEVEL: "warn" },
			stdio: ["ignore", "ignore", "inherit"],
		});
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
		child.kill("SIGTERM");
		await exited;
		if (Number.isNaN(ms)) throw new Error("latchkey serve did not answer within 20 s");
		runsMs.push(Math.round(ms));
	}
	const sorted = [...runsMs].sort((a, b) => a - b);
	return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN };
}
