import { type ChildProcess, spawn } from "node:child_process";
import { LATCHKEY_BIN } from "./latchkey-bin.ts";

/**
 * Starts `latchkey dev` (SQLite in data/, the playground at /) and resolves once its health check answers.
 * @param options - the port, and the folder to run in (its `data/` holds the database)
 * @throws Error with what Latchkey printed when it exits early or does not answer within 30 s
 * @example
 * const latchkey = await startLatchkeyDev({ port: 4000, cwd: repoRoot });
 */
export async function startLatchkeyDev(options: { port: number; cwd: string }): Promise<ChildProcess> {
	const { port, cwd } = options;
	const child = spawn(process.execPath, [LATCHKEY_BIN, "dev", "--port", String(port)], {
		cwd,
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
