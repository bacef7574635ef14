import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const APP = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

/**
 * Runs `ng build` (the Angular CLI's application builder, production configuration) for this app.
 * @param outDir - the output path (emptied first) @default apps/angular-express/dist
 * @returns the folder to serve: `<outDir>/browser`
 * @throws Error with the CLI's output when the build fails
 * @example
 * const staticDir = await buildFrontEnd(mkdtempSync(join(tmpdir(), "ng-")));
 */
export async function buildFrontEnd(outDir: string = join(APP, "dist")): Promise<string> {
	const ng = join(dirname(createRequire(import.meta.url).resolve("@angular/cli/package.json")), "bin", "ng.js");
	try {
		await run(process.execPath, [ng, "build", "--configuration", "production", "--output-path", outDir, "--progress=false"], {
			cwd: APP,
			env: { ...process.env, NG_CLI_ANALYTICS: "false", NG_FORCE_TTY: "false" },
			maxBuffer: 16 * 1024 * 1024,
		});
	} catch (error) {
		const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
		throw new Error(`ng build failed:\n${stdout}\n${stderr}`.trim());
	}
	return join(outDir, "browser");
}
