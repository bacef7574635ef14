// A throwaway PostgreSQL cluster for tests and the benchmark: initdb into a temp folder, a free port on 127.0.0.1,
// trust auth, removed afterwards. Under root (CI containers) the server runs as the `postgres` OS user, since
// PostgreSQL refuses to run as root.
import { execFile, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port.ts";

const exec = promisify(execFile);

/** The folder holding `initdb`, `pg_ctl` and `postgres`: the newest under /usr/lib/postgresql/*\/bin, else on PATH. */
export function findPostgresBin(): string | null {
	const debian = "/usr/lib/postgresql";
	if (existsSync(debian)) {
		const versions = readdirSync(debian)
			.filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(debian, v, "bin", "initdb")))
			.sort((a, b) => Number(b) - Number(a));
		if (versions[0]) return join(debian, versions[0], "bin");
	}
	for (const dir of (process.env.PATH ?? "").split(delimiter)) {
		if (dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")) && existsSync(join(dir, "postgres"))) return dir;
	}
	return null;
}

const isRoot = process.getuid?.() === 0;

/** uid and gid of the `postgres` OS user, or null when there is none. */
function postgresUser(): { uid: number; gid: number } | null {
	const line = readFileSync("/etc/passwd", "utf8")
		.split("\n")
		.find((l) => l.startsWith("postgres:"));
	const [, , uid, gid] = line?.split(":") ?? [];
	return uid && gid ? { uid: Number(uid), gid: Number(gid) } : null;
}

function unavailableReason(): string | null {
	if (findPostgresBin() === null) return "PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql/*/bin)";
	if (isRoot && postgresUser() === null) return "running as root and there is no 'postgres' OS user to run PostgreSQL as";
	return null;
}

/**
 * The `skip` option of the PostgreSQL suites: a reason to skip only outside CI when PostgreSQL cannot run here.
 * Under CI (`CI=true`) it is false, and {@link startThrowawayCluster} then throws loudly in `before()`.
 */
export const postgresSkip: string | false = (() => {
	const reason = unavailableReason();
	return reason !== null && !process.env.CI ? `${reason}; install it (Debian: apt-get install postgresql) to run these tests` : false;
})();

/** A running throwaway cluster. */
export interface ThrowawayCluster {
	port: number;
	/** `postgres://postgres@127.0.0.1:<port>/<database>` */
	url(database?: string): string;
	/** Creates an empty database and returns its URL. */
	createDatabase(name?: string): Promise<string>;
	/** Stops the server (the data stays); `immediate` is a crash-like stop. */
	stop(mode?: "fast" | "immediate"): Promise<void>;
	/** Starts it again on the same port and data. */
	start(): Promise<void>;
	/** pid of the postmaster, or null when stopped. */
	postmasterPid(): number | null;
	/** Stops it and removes its folder. */
	destroy(): Promise<void>;
}

/** Options for {@link startThrowawayCluster}. */
export interface ClusterOptions {
	/** Keep fsync and synchronous commits on (for benchmarks); tests turn them off for speed. @default false */
	durable?: boolean;
	/** `max_connections`. @default 300 */
	maxConnections?: number;
}

const live = new Set<{ pgCtl: string[]; base: string }>();
process.once("exit", () => {
	for (const cluster of live) {
		const [cmd, ...args] = cluster.pgCtl;
		spawnSync(cmd as string, [...args, "stop", "-m", "immediate", "-w"], { stdio: "ignore" });
		rmSync(cluster.base, { recursive: true, force: true });
	}
});

let databases = 0;

/**
 * initdb into a temp folder and start PostgreSQL on a free port (127.0.0.1 only, socket in the temp folder).
 * @throws Error when PostgreSQL is missing or does not start (so a CI run without it fails loudly)
 */
export async function startThrowawayCluster(options: ClusterOptions = {}): Promise<ThrowawayCluster> {
	const reason = unavailableReason();
	if (reason !== null) throw new Error(`${reason}; install it (Debian: apt-get install postgresql)`);
	const bin = findPostgresBin() as string;
	const asPostgres = (command: string): string[] =>
		isRoot ? ["runuser", "-u", "postgres", "--", join(bin, command)] : [join(bin, command)];
	const run = async (command: string, args: string[]): Promise<void> => {
		const [cmd, ...prefix] = asPostgres(command);
		await exec(cmd as string, [...prefix, ...args], { timeout: 60_000 });
	};
	const base = mkdtempSync(join(tmpdir(), "latchkey-pg-"));
	const data = join(base, "data");
	const user = isRoot ? postgresUser() : null;
	if (user) chownSync(base, user.uid, user.gid);
	const entry = { pgCtl: [...asPostgres("pg_ctl"), "-D", data], base };
	live.add(entry);
	try {
		await run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
	} catch (error) {
		live.delete(entry);
		rmSync(base, { recursive: true, force: true });
		throw error;
	}
	let port = 0;
	let running = false;
	const settings = (): string =>
		[
			`-p ${port}`,
			"-c listen_addresses=127.0.0.1",
			`-c unix_socket_directories=${base}`,
			`-c max_connections=${options.maxConnections ?? 300}`,
			...(options.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
		].join(" ");
	const start = async (): Promise<void> => {
		await run("pg_ctl", ["-D", data, "-l", join(base, "server.log"), "-w", "-t", "60", "-o", settings(), "start"]);
		running = true;
	};
	for (let attempt = 1; ; attempt++) {
		port = await freePort();
		try {
			await start();
			break;
		} catch (error) {
			if (attempt >= 3) {
				const log = existsSync(join(base, "server.log")) ? readFileSync(join(base, "server.log"), "utf8") : "";
				live.delete(entry);
				rmSync(base, { recursive: true, force: true });
				throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
			}
		}
	}
	const url = (database = "postgres"): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
	return {
		port,
		url,
		async createDatabase(name = `latchkey_${process.pid}_${++databases}`) {
			const admin = new pg.Client({ connectionString: url() });
			await admin.connect();
			try {
				await admin.query(`CREATE DATABASE "${name}"`);
			} finally {
				await admin.end();
			}
			return url(name);
		},
		async stop(mode = "fast") {
			await run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
			running = false;
		},
		start,
		postmasterPid() {
			if (!running) return null;
			const pidFile = join(data, "postmaster.pid");
			return existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n")[0]) : null;
		},
		async destroy() {
			if (running) await run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
			running = false;
			live.delete(entry);
			rmSync(base, { recursive: true, force: true });
		},
	};
}
