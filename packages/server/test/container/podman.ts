// Helpers of the container test: podman through execFileSync (with timeouts), building the image from the repository's
// Dockerfile on a local base image (no image registry is reachable on CI machines), free ports and health waits.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const BASE_SCRIPT = join(REPO_ROOT, "scripts/container/make-base-image.sh");
const BASE_TAG = "localhost/latchkey-base:24-bookworm";
const hasPodman = spawnSync("podman", ["--version"], { stdio: "ignore" }).status === 0;
const isRoot = process.getuid?.() === 0;
/** A base image to build on instead of making one (e.g. `node:24-bookworm-slim` where a registry is reachable). */
const givenBase = process.env.LATCHKEY_TEST_BASE_IMAGE;

function missing(): string | null {
	if (!hasPodman) return "podman is not installed (Debian: apt-get install podman runc debootstrap uidmap slirp4netns fuse-overlayfs)";
	if (!givenBase && !isRoot) return "making the local base image needs root (debootstrap); or set LATCHKEY_TEST_BASE_IMAGE";
	return null;
}

/**
 * The `skip` option of the container suite: a reason to skip only outside CI when podman cannot run here. Under CI
 * (`CI=true`) it is false, and {@link buildImage} then throws, so a CI machine without podman fails loudly.
 */
export const containerSkip: string | false = (() => {
	const reason = missing();
	return reason !== null && !process.env.CI ? `${reason}: skipping the container image test` : false;
})();

/** Runs podman and returns its trimmed stdout; throws with podman's stderr when it fails or takes longer than `timeout`. */
export function podman(args: string[], timeout = 60_000): string {
	return execFileSync("podman", args, { encoding: "utf8", timeout, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 }).trim();
}

/** Runs podman and returns its exit status without throwing (for clean-up and for checks that expect a status). */
export function podmanStatus(args: string[], timeout = 60_000): number | null {
	return spawnSync("podman", args, { stdio: "ignore", timeout }).status;
}

/** Runs a long command with its output in a log file; throws with the log's last lines (and keeps the log) when it fails. */
function runLogged(command: string, args: string[], timeout: number): void {
	const dir = mkdtempSync(join(tmpdir(), "latchkey-image-"));
	const log = join(dir, "build.log");
	const fd = openSync(log, "w");
	// The same node (and its npm, when it has one) as the test, first on PATH, for the base image script.
	const path = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`;
	const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ["ignore", fd, fd], timeout, env: { ...process.env, PATH: path } });
	closeSync(fd);
	if (result.status !== 0) {
		const tail = readFileSync(log, "utf8").trim().split("\n").slice(-40).join("\n");
		throw new Error(`${command} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}); full log ${log}:\n${tail}`);
	}
	rmSync(dir, { recursive: true, force: true });
}

/**
 * Builds `tag` from the repository's Dockerfile. The base is LATCHKEY_TEST_BASE_IMAGE, or the local one that
 * scripts/container/make-base-image.sh makes (debootstrap + Node from npm; skipped when it is up to date).
 * @returns the seconds each step took
 */
export function buildImage(tag: string): { baseSeconds: number; buildSeconds: number } {
	const reason = missing();
	if (reason !== null) throw new Error(`${reason}; the container image test cannot run`);
	let started = performance.now();
	let base = givenBase;
	if (!base) {
		base = BASE_TAG;
		runLogged(BASE_SCRIPT, [base], 10 * 60_000);
	}
	const baseSeconds = (performance.now() - started) / 1000;
	started = performance.now();
	runLogged("podman", ["build", "--format", "docker", "--build-arg", `BASE_IMAGE=${base}`, "-t", tag, "."], 20 * 60_000);
	return { baseSeconds, buildSeconds: (performance.now() - started) / 1000 };
}

export { freePort } from "@latchkey/test-support";

/** Polls GET /health/http until it answers 200; returns the milliseconds it took. */
export async function waitForHealth(url: string, timeoutMs = 30_000): Promise<number> {
	const started = performance.now();
	for (;;) {
		try {
			const res = await fetch(`${url}/health/http`);
			if (res.status === 200) return performance.now() - started;
		} catch {
			// not listening yet
		}
		if (performance.now() - started > timeoutMs) throw new Error(`${url}/health/http did not answer 200 in ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
