import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/latchkey.js", import.meta.url));

/**
 * Runs the `latchkey` command of this checkout once and resolves with its exit code and output (never rejects).
 * @param args - the command line after `latchkey`
 * @param env - variables added to this process's environment
 * @example
 * const { code, stdout } = await runCli(["pool", "list", "--database", db]);
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
			resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
		});
	});
}
