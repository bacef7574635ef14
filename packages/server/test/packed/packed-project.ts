/**
 * Plumbing for the packed-artefact test: `npm pack` of every workspace package, commands run in a temp project
 * outside the checkout with an environment that cannot lead npm back into the workspace, and small measurements.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** The packages, in dependency order. */
export const PACKAGES = ["@latchkey/protocol", "@latchkey/testing", "@latchkey/client", "@latchkey/node", "@latchkey/server"] as const;

/** npm settings that say where npm fetches from and builds for, not which project it works on: kept. */
const KEEP_NPM_CONFIG = new Set([
	"nodedir",
	"cafile",
	"ca",
	"cache",
	"registry",
	"userconfig",
	"globalconfig",
	"proxy",
	"http_proxy",
	"https_proxy",
	"noproxy",
	"strict_ssl",
	"python",
	"node_gyp",
	"offline",
	"prefer_offline",
]);

/**
 * The environment for commands in the temp projects: without what `npm test` sets for its scripts (npm_config_local_prefix,
 * npm_config_workspace…, npm_package_*, INIT_CWD), NODE_OPTIONS (the test runner's loaders) and LATCHKEY_* settings, and
 * with no `node_modules/.bin` of the checkout on PATH; this Node first on PATH, so npm, npx and the bins run on it.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		const lower = key.toLowerCase();
		if (value === undefined) continue;
		if (lower.startsWith("npm_config_") && !KEEP_NPM_CONFIG.has(lower.slice("npm_config_".length))) continue;
		if (lower.startsWith("npm_") && !lower.startsWith("npm_config_")) continue;
		if (["init_cwd", "node_options", "node_path"].includes(lower) || lower.startsWith("latchkey_")) continue;
		env[key] = value;
	}
	const path = (process.env.PATH ?? "").split(delimiter).filter((dir) => dir !== "" && !dir.includes("node_modules/.bin"));
	env.PATH = [dirname(process.execPath), ...path].join(delimiter);
	// better-sqlite3 builds from source, against the headers of npm's `nodedir`: this Node's own when they sit beside it
	// (an npmrc's nodedir may name another Node's, e.g. /usr for Debian's, and npm exports it to scripts as npm_config_nodedir).
	const prefix = dirname(dirname(process.execPath));
	if (headersMajor(prefix) === process.versions.node.split(".")[0]) env.npm_config_nodedir = prefix;
	return { ...env, ...extra };
}

/** The major version of the Node headers under `prefix`/include/node, or null when there are none. */
function headersMajor(prefix: string): string | null {
	const file = join(prefix, "include", "node", "node_version.h");
	if (!existsSync(file)) return null;
	return /#define NODE_MAJOR_VERSION (\d+)/.exec(readFileSync(file, "utf8"))?.[1] ?? null;
}

/** What a finished command printed. */
export interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs a command to its end (never throws for a non-zero exit; a timeout kills it and rejects). */
export function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk: Buffer) => {
			stdout += chunk.toString();
		});
		child.stderr.on("data", (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const timer = setTimeout(() => {
			child.kill("SIGKILL");
			reject(new Error(`${command} ${args.join(" ")} took over ${options.timeoutMs} ms:\n${stdout}\n${stderr}`));
		}, options.timeoutMs ?? 120_000);
		child.once("error", (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once("close", (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/** Like {@link run}, but a non-zero exit throws with everything the command printed. */
export async function runOk(command: string, args: string[], options: Parameters<typeof run>[2]): Promise<string> {
	const result = await run(command, args, options);
	if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

/** One tarball of `npm pack --json`. */
export interface Tarball {
	name: string;
	path: string;
	size: number;
	unpackedSize: number;
	files: string[];
}

/** Packs every package (each `prepack` runs `tsc -b`) into `destination`. */
export async function packAll(destination: string): Promise<Tarball[]> {
	mkdirSync(destination, { recursive: true });
	const workspaces = PACKAGES.flatMap((name) => ["-w", name]);
	const stdout = await runOk("npm", ["pack", ...workspaces, "--pack-destination", destination, "--json"], {
		cwd: REPO_ROOT,
		timeoutMs: 300_000,
	});
	const packed = JSON.parse(stdout.slice(stdout.indexOf("["))) as Array<{
		name: string;
		filename: string;
		size: number;
		unpackedSize: number;
		files: Array<{ path: string }>;
	}>;
	return packed.map((p) => ({
		name: p.name,
		path: join(destination, p.filename),
		size: p.size,
		unpackedSize: p.unpackedSize,
		files: p.files.map((f) => f.path),
	}));
}

/**
 * The consumer's own tools, at the versions this checkout develops with (so the test does not drift with npm's latest;
 * @types/node then matches the Node major of the checkout, as a Node 24 user's should).
 */
export function consumerTools(): string[] {
	return ["typescript", "@types/node", "esbuild"].map((name) => {
		const file = join(REPO_ROOT, "node_modules", name, "package.json");
		if (!existsSync(file)) return name;
		return `${name}@${(JSON.parse(readFileSync(file, "utf8")) as { version: string }).version}`;
	});
}

/** Every file under `dir` (recursively) whose name passes `keep`. */
export function listFiles(dir: string, keep: (name: string) => boolean = () => true): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...listFiles(path, keep));
		else if (keep(name)) out.push(path);
	}
	return out;
}

/** The apparent size in bytes of everything under `path`. */
export function directorySize(path: string): number {
	return listFiles(path).reduce((sum, file) => sum + statSync(file).size, 0);
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"'\n]+)["']/g;
/** A bare specifier: a package name (scoped or not), maybe with a subpath; relative paths and template text are not. */
const PACKAGE_SPECIFIER = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]*)?$/i;
const BUILTINS = new Set(builtinModules);

/**
 * The packages that the `.js` and `.d.ts` files under `dir` import (bare specifiers, `node:` built-ins left out),
 * each with one file that does; comment lines (TSDoc examples) are skipped.
 */
export function importedPackages(dir: string): Map<string, string> {
	const found = new Map<string, string>();
	for (const file of listFiles(dir, (name) => name.endsWith(".js") || name.endsWith(".d.ts"))) {
		const code = readFileSync(file, "utf8")
			.split("\n")
			.filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
			.join("\n");
		for (const [, specifier = ""] of code.matchAll(SPECIFIER)) {
			if (!PACKAGE_SPECIFIER.test(specifier) || specifier.startsWith("node:") || BUILTINS.has(specifier)) continue;
			const parts = specifier.split("/");
			const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
			if (!found.has(name)) found.set(name, file.slice(dir.length + 1));
		}
	}
	return found;
}

export { freePort } from "@latchkey/test-support";

/** Polls `url` until it answers 200 (or `timeoutMs` passes, or `child` exits). */
export async function waitForOk(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited (${child.exitCode ?? child.signalCode})`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}
