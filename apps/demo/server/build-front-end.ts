import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { build } from "vite";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds the production front end with Vite's JS API (the same settings as `vite.config.ts`).
 * @param outDir - where to write it (emptied first)
 * @example
 * await buildFrontEnd("apps/demo/dist");
 */
export async function buildFrontEnd(outDir: string): Promise<void> {
	await build({
		configFile: false,
		root: ROOT,
		logLevel: "warn",
		plugins: [react()],
		build: { outDir, emptyOutDir: true, target: "es2022" },
	});
}
