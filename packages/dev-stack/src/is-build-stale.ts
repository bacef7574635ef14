import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest modification time under a path. */
function newest(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Whether a front-end build must be made again: its output file is missing or older than any of the sources.
 * @param output - a file the build writes (its index.html)
 * @param sources - files or folders the build reads (folders are walked)
 * @example
 * if (isBuildStale("apps/demo/dist/index.html", ["apps/demo/src", "apps/demo/index.html"])) await build();
 */
export function isBuildStale(output: string, sources: readonly string[]): boolean {
	if (!existsSync(output)) return true;
	const built = statSync(output).mtimeMs;
	return sources.some((source) => existsSync(source) && newest(source) > built);
}
