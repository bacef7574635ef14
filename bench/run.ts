// Latchkey benchmark: real `latchkey serve` processes, driven with autocannon from this process.
// Usage: npm run bench   (env BENCH_SECONDS per phase, default 20; BENCH_CONNECTIONS, default 10; BENCH_SOAK_SECONDS=300
//        for the 5-minute memory soak; BENCH_LOAD_SECONDS per load-curve step; BENCH_CURVE_STEPS, default 10,25,50,75;
//        BENCH_FLAT_CREDENTIALS, default 1,000,000;
//        BENCH_DATABASE=sqlite|postgres, default sqlite; BENCH_NODES=1|2 with postgres, default 1)
// See bench/README.md for what each figure means.
import { type ChildProcess, fork } from "node:child_process";
import { generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import {
	CoseAlgorithm,
	type PublicKeyCredentialCreationOptionsJSON,
	type PublicKeyCredentialRequestOptionsJSON,
	SoftAuthenticator,
} from "@latchkey/testing";
import autocannon, { type Options, type RequestContext, type Result, type SequenceRequest } from "autocannon";
import { startThrowawayCluster, type ThrowawayCluster } from "../packages/server/test/postgres/throwaway-cluster.ts";
import { type ServerProcess, startServer, type TestApp } from "../packages/server/test/support/start-server.ts";
import { type ChartData, renderChart } from "./chart.ts";
import { CRYPTO_TIMING_PRELOAD, type CryptoInServer, cryptoInServer } from "./crypto-in-server.ts";
import { measureStartup } from "./measure-startup.ts";
import { measureStorage, type StorageCost, withBenchDatabase } from "./measure-storage.ts";
import type { FromChild, ToChild } from "./paced-child.ts";
import { startFloor, startReference } from "./reference-process.ts";
import { seedCredentials } from "./seed-credentials.ts";
import { summarizeProfile } from "./summarize-profile.ts";

// ---------------------------------------------------------------- configuration

function envInt(name: string, fallback: number, min: number, max: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === "") return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max)
		throw new Error(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
	return value;
}

const SECONDS = envInt("BENCH_SECONDS", 20, 1, 3600);
const CONNECTIONS = envInt("BENCH_CONNECTIONS", 10, 1, 1000);
const VERIFY_SECONDS = 2;
const RP_ID = "localhost";
const ORIGIN = "http://localhost:8080";
const DATABASE = process.env.BENCH_DATABASE || "sqlite";
if (DATABASE !== "sqlite" && DATABASE !== "postgres") throw new Error(`BENCH_DATABASE must be sqlite or postgres, got '${DATABASE}'`);
const NODES = envInt("BENCH_NODES", 1, 1, DATABASE === "postgres" ? 8 : 1);
/** Load steps of the latency curve, % of the measured whole-sign-in maximum (BENCH_CURVE_STEPS=50 for one of them). */
const LOAD_STEPS = (process.env.BENCH_CURVE_STEPS ?? "10,25,50,75").split(",").map(Number);
if (LOAD_STEPS.some((step) => !(step > 0 && step <= 100))) throw new Error("BENCH_CURVE_STEPS must be percentages, e.g. 25,50");
/** Users the curve's load generator registers for itself (each is in at most one sign-in at a time). */
const CURVE_USERS = 2000;
const LOAD_SECONDS = envInt("BENCH_LOAD_SECONDS", Math.max(5, Math.ceil(SECONDS / 2)), 1, 3600);
/** BENCH_SOAK_SECONDS=300: also a 5-minute whole-sign-in soak with RSS sampled every 5 s (off by default). */
const SOAK_SECONDS = envInt("BENCH_SOAK_SECONDS", 0, 0, 24 * 3600);
/** Flatness: this many users sign in among FLAT_SMALL, then FLAT_LARGE stored credentials (the rest are filler rows). */
const FLAT_USERS = envInt("BENCH_FLAT_USERS", 2000, 100, 100_000);
const FLAT_SMALL = 10_000;
const FLAT_LARGE = envInt("BENCH_FLAT_CREDENTIALS", 1_000_000, FLAT_SMALL, 50_000_000);
const RESULTS = new URL(DATABASE === "sqlite" ? "./results/latest.json" : `./results/latest-postgres-${NODES}node.json`, import.meta.url);
/** BENCH_PROFILE=1: the server writes a V8 CPU profile to bench/results/profile/ when it exits (it costs the server a little CPU). */
const PROFILE = process.env.BENCH_PROFILE === "1" ? fileURLToPath(new URL("./results/profile/", import.meta.url)) : null;
/**
 * BENCH_ONLY=workers|flatness|curve: only that section (10, 9, or 4b against a fresh server at BENCH_CURVE_MAX
 * sign-ins/s, default 1,900), printed and not written, for comparing one change.
 */
const ONLY = process.env.BENCH_ONLY ?? "";
if (ONLY !== "" && ONLY !== "workers" && ONLY !== "flatness" && ONLY !== "curve") {
	throw new Error(`BENCH_ONLY must be workers, flatness or curve, got '${ONLY}'`);
}
/** BENCH_QUICK=1: only phases 1–6 (as with a profile), for comparing one change; the results files are not written. */
const QUICK = process.env.BENCH_QUICK === "1";

// ---------------------------------------------------------------- small helpers

interface Latency {
	count: number;
	p50: number;
	p99: number;
	mean: number;
	max: number;
}

function summarize(values: number[]): Latency {
	if (values.length === 0) return { count: 0, p50: 0, p99: 0, mean: 0, max: 0 };
	const sorted = Float64Array.from(values).sort();
	const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
	let sum = 0;
	for (const v of sorted) sum += v;
	return {
		count: sorted.length,
		p50: round(at(0.5), 2),
		p99: round(at(0.99), 2),
		mean: round(sum / sorted.length, 2),
		max: round(at(1), 2),
	};
}

function round(value: number, digits = 0): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

function cpuModel(): string {
	const line = readFileSync("/proc/cpuinfo", "utf8")
		.split("\n")
		.find((l) => l.startsWith("model name"));
	return line?.split(":")[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
}

/** VmRSS of a process in MiB, or NaN once it is gone. */
function rssMiB(pid: number): number {
	try {
		const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
		return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
	} catch {
		return Number.NaN;
	}
}

/** user+system CPU seconds a process has used (from /proc/<pid>/stat; clock ticks are 1/100 s on Linux); 0 once gone. */
function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return 0;
	}
}

/** CPU seconds used so far by a PostgreSQL postmaster and each of its children (backends, WAL writer, …), by pid. */
function databaseCpu(postmaster: number | null): Map<number, number> {
	const used = new Map<number, number>();
	if (postmaster === null) return used;
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
			const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
			const pid = Number(entry);
			if (pid === postmaster || Number(fields[1]) === postmaster) used.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
		} catch {
			// the process ended meanwhile
		}
	}
	return used;
}

/** CPU seconds spent between two {@link databaseCpu} samples (processes that started meanwhile count from 0). */
function databaseCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
	let spent = 0;
	for (const [pid, seconds] of after) spent += seconds - (before.get(pid) ?? 0);
	return spent;
}

async function json<T>(response: Response, what: string): Promise<T> {
	const text = await response.text();
	if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 500)}`);
	return JSON.parse(text) as T;
}

// ---------------------------------------------------------------- raw verify rate

/** crypto.verify of one fixed ES256 (P-256, SHA-256, DER) signature in a tight loop on this thread. */
function measureRawVerify(seconds: number): { verifiesPerSecond: number; verifies: number; seconds: number } {
	const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
	const data = randomBytes(37 + 32); // the size of authenticatorData ‖ SHA-256(clientDataJSON)
	const signature = sign("sha256", data, { key: privateKey, dsaEncoding: "der" });
	const key = { key: publicKey, dsaEncoding: "der" as const };
	for (let i = 0; i < 500; i++) verify("sha256", data, key, signature); // warm-up
	let count = 0;
	const start = performance.now();
	const end = start + seconds * 1000;
	let now = start;
	while (now < end) {
		for (let i = 0; i < 100; i++) {
			if (!verify("sha256", data, key, signature)) throw new Error("the fixed signature did not verify");
		}
		count += 100;
		now = performance.now();
	}
	const elapsed = (now - start) / 1000;
	return { verifiesPerSecond: round(count / elapsed), verifies: count, seconds: round(elapsed, 2) };
}

/**
 * What one durable write costs on this machine's disk: a WAL commit of one small row (insert, then delete, of a
 * ceremony-shaped row in a table like Latchkey's, `synchronous = NORMAL`), one per transaction, for `seconds`. The WAL
 * is checkpointed outside the timing (the server does it on another thread). Every ceremony step commits at least
 * once, so this bounds the throughput of any server that keeps sessions and counters durably in SQLite.
 */
function measureCommit(seconds: number): { microsPerCommit: number; commits: number } {
	return withBenchDatabase("commit", (db) => {
		db.exec(`CREATE TABLE ceremonies (id TEXT PRIMARY KEY, app_id TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL,
			expires_at INTEGER NOT NULL) WITHOUT ROWID; CREATE INDEX ceremonies_by_expiry ON ceremonies (expires_at);`);
		const put = db.prepare("INSERT INTO ceremonies (id, app_id, kind, state, expires_at) VALUES (?, 'bench', 'authentication', ?, ?)");
		const take = db.prepare("DELETE FROM ceremonies WHERE id = ? AND app_id = 'bench' RETURNING *");
		const state = "x".repeat(380);
		const live: string[] = [];
		let commits = 0;
		let timed = 0;
		while (timed < seconds * 1000) {
			const ids = Array.from({ length: 1000 }, () => randomBytes(32).toString("base64url"));
			const start = performance.now();
			for (const id of ids) {
				db.exec("BEGIN IMMEDIATE");
				put.run(id, state, Date.now() + 120_000);
				db.exec("COMMIT");
				live.push(id);
				if (live.length > 100) {
					db.exec("BEGIN IMMEDIATE");
					take.get(live.shift());
					db.exec("COMMIT");
					commits++;
				}
				commits++;
			}
			timed += performance.now() - start;
			db.pragma("wal_checkpoint(TRUNCATE)");
		}
		return { microsPerCommit: round((timed * 1000) / commits, 1), commits };
	});
}

/**
 * The server's own path for the same check, one at a time: WebCrypto importKey (JWK, as @simplewebauthn/server does
 * for every assertion) + subtle.verify (raw r‖s). WebCrypto runs the verify on libuv's thread pool, so this is not
 * strictly one core; it shows what a verification costs the server beyond the bare ECDSA math.
 */
async function measureWebCryptoVerify(seconds: number): Promise<{ verifiesPerSecond: number; verifies: number; seconds: number }> {
	const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
	const data = randomBytes(37 + 32);
	const signature = sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" });
	const jwk = publicKey.export({ format: "jwk" });
	const keyData: JsonWebKey = { kty: "EC", crv: "P-256", x: jwk.x ?? "", y: jwk.y ?? "", ext: false };
	const once = async (): Promise<void> => {
		const key = await crypto.subtle.importKey("jwk", keyData, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
		if (!(await crypto.subtle.verify({ name: "ECDSA", hash: { name: "SHA-256" } }, key, signature, data)))
			throw new Error("did not verify");
	};
	for (let i = 0; i < 200; i++) await once(); // warm-up
	let count = 0;
	const start = performance.now();
	const end = start + seconds * 1000;
	let now = start;
	while (now < end) {
		await once();
		count++;
		now = performance.now();
	}
	const elapsed = (now - start) / 1000;
	return { verifiesPerSecond: round(count / elapsed), verifies: count, seconds: round(elapsed, 2) };
}

// ---------------------------------------------------------------- the API, for the sequential setup

class Api {
	constructor(
		readonly url: string,
		readonly app: TestApp,
	) {}

	readonly publicHeaders = (): Record<string, string> => ({ "content-type": "application/json", ApiKey: this.app.apiKey });
	readonly secretHeaders = (): Record<string, string> => ({ "content-type": "application/json", ApiSecret: this.app.apiSecret });

	async post<T>(path: string, secret: boolean, body: unknown): Promise<T> {
		const headers = secret ? this.secretHeaders() : this.publicHeaders();
		return json<T>(await fetch(`${this.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) }), `POST ${path}`);
	}

	/** One whole registration with plain fetch; returns the new credential id. */
	async register(authenticator: SoftAuthenticator, userId: string): Promise<string> {
		const { token } = await this.post<{ token: string }>("/register/token", true, { userId, username: userId, attestation: "none" });
		const begin = await this.post<{ data: PublicKeyCredentialCreationOptionsJSON; session: string }>("/register/begin", false, {
			token,
			RPID: RP_ID,
			Origin: ORIGIN,
		});
		const response = authenticator.createCredential(begin.data, { origin: ORIGIN });
		await this.post("/register/complete", false, { session: begin.session, response, RPID: RP_ID, Origin: ORIGIN });
		return response.id;
	}

	/** One whole sign-in with plain fetch; throws unless the verify token names the user. */
	async signIn(authenticator: SoftAuthenticator, user: User): Promise<void> {
		const begin = await this.post<{ data: PublicKeyCredentialRequestOptionsJSON; session: string }>("/signin/begin", false, {
			userId: user.userId,
			RPID: RP_ID,
			Origin: ORIGIN,
		});
		const response = authenticator.getAssertion(begin.data, { origin: ORIGIN, credentialId: user.credentialId });
		const { token } = await this.post<{ token: string }>("/signin/complete", false, {
			session: begin.session,
			response,
			RPID: RP_ID,
			Origin: ORIGIN,
		});
		const verified = await this.post<{ userId: string }>("/signin/verify", true, { token });
		if (verified.userId !== user.userId) throw new Error(`verify named ${verified.userId}, expected ${user.userId}`);
	}
}

interface User {
	userId: string;
	credentialId: string;
}

// ---------------------------------------------------------------- one autocannon phase

interface KindStats {
	requests: number;
	ok: number;
	failed: number;
	latencies: number[];
}

interface PhaseRun {
	name: string;
	/** When the load started (Unix ms). */
	startedAtMs: number;
	wallSeconds: number;
	result: Result;
	kinds: Record<string, KindStats>;
	failures: string[];
	serverCpuPercent: number;
	clientCpuPercent: number;
	/** All PostgreSQL processes together; null on SQLite. */
	databaseCpuPercent: number | null;
	peakRssMiB: number;
}

/** A request step that records, per request type, its status and (via the instance's `response` event) its latency. */
interface Step {
	kind: string;
	path: string;
	secret: boolean;
	/** Returns the body (a value to JSON-encode, or a ready JSON string), or null to abandon this sequence (autocannon then starts it again). */
	body(context: RequestContext): unknown;
	/** Called with 2xx responses; return false to count it as failed (wrong content). */
	ok?(body: string, context: RequestContext): unknown;
	/** Called with non-2xx responses. */
	failed?(context: RequestContext): void;
}

/** What a phase drives: a URL and the process behind it. */
interface Served {
	url: string;
	child: ChildProcess;
}

/** The children of a process (cluster workers), from /proc; none when the kernel does not list them. */
function childPids(pid: number): number[] {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

class Bench {
	#peakRss = 0;
	#sampler: NodeJS.Timeout | null = null;

	constructor(
		readonly servers: Served[],
		readonly api: Api,
		readonly cluster: ThrowawayCluster | null,
	) {}

	/** Every server process: the nodes, and the workers of a node started with --workers. */
	get pids(): number[] {
		return this.servers.flatMap((server) => {
			const pid = server.child.pid;
			if (pid === undefined) throw new Error("a server has no pid");
			return [pid, ...childPids(pid)];
		});
	}

	/** RSS of all the nodes together, MiB. */
	rss(): number {
		return this.pids.reduce((sum, pid) => sum + rssMiB(pid), 0);
	}

	startSampling(): void {
		this.#sampler = setInterval(() => {
			const rss = this.rss();
			if (rss > this.#peakRss) this.#peakRss = rss;
		}, 50);
	}

	stopSampling(): void {
		if (this.#sampler) clearInterval(this.#sampler);
	}

	async phase(name: string, steps: Step[], limits: Pick<Options, "duration" | "amount" | "overallRate">): Promise<PhaseRun> {
		const kinds: Record<string, KindStats> = {};
		const failures: string[] = [];
		let current: KindStats | null = null;
		const requests: SequenceRequest[] = steps.map((step) => {
			const stats: KindStats = { requests: 0, ok: 0, failed: 0, latencies: [] };
			kinds[step.kind] = stats;
			return {
				method: "POST",
				path: step.path,
				headers: step.secret ? this.api.secretHeaders() : this.api.publicHeaders(),
				setupRequest: (request, context) => {
					const body = step.body(context);
					if (body === null) return null;
					return { ...request, body: typeof body === "string" ? body : JSON.stringify(body) };
				},
				onResponse: (status, body, context) => {
					current = stats;
					stats.requests++;
					if (status >= 200 && status < 300 && step.ok?.(body, context) !== false) {
						stats.ok++;
					} else {
						stats.failed++;
						if (failures.length < 5) failures.push(`${step.kind} ${status} ${body.slice(0, 300)}`);
						step.failed?.(context);
					}
				},
			};
		});
		this.#peakRss = this.rss();
		const serverCpuNow = (): number => this.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
		const serverCpu0 = serverCpuNow();
		const databaseCpu0 = databaseCpu(this.cluster?.postmasterPid() ?? null);
		const clientCpu0 = process.cpuUsage();
		const startedAtMs = Date.now();
		const t0 = performance.now();
		const result = await new Promise<Result>((resolve, reject) => {
			const instance = autocannon(
				{
					url: this.servers.length === 1 ? (this.servers[0]?.url ?? "") : this.servers.map((s) => s.url),
					connections: CONNECTIONS,
					pipelining: 1,
					timeout: 10,
					requests,
					...limits,
				},
				(error, res) => (error ? reject(error) : resolve(res)),
			);
			// Fires right after the request's onResponse, so `current` is the type of this very response.
			instance.on("response", (_client, _status, _bytes, responseTime) => {
				current?.latencies.push(responseTime);
			});
		});
		const wallSeconds = (performance.now() - t0) / 1000;
		const clientCpu = process.cpuUsage(clientCpu0);
		const serverCpu = serverCpuNow() - serverCpu0;
		const databaseSeconds = this.cluster ? databaseCpuSpent(databaseCpu0, databaseCpu(this.cluster.postmasterPid())) : null;
		return {
			name,
			startedAtMs,
			wallSeconds,
			result,
			kinds,
			failures,
			serverCpuPercent: round((serverCpu / wallSeconds) * 100),
			clientCpuPercent: round(((clientCpu.user + clientCpu.system) / 1e6 / wallSeconds) * 100),
			databaseCpuPercent: databaseSeconds === null ? null : round((databaseSeconds / wallSeconds) * 100),
			peakRssMiB: round(this.#peakRss, 1),
		};
	}
}

/** What the JSON and the table show for one phase. */
function report(run: PhaseRun, operation: string, operations: number) {
	const latency: Record<string, Latency> = {};
	for (const [kind, stats] of Object.entries(run.kinds)) latency[kind] = summarize(stats.latencies);
	const non2xxOrWrong = Object.values(run.kinds).reduce((sum, k) => sum + k.failed, 0);
	return {
		operation,
		operations,
		perSecond: round(operations / run.wallSeconds, 1),
		startedAtMs: run.startedAtMs,
		seconds: round(run.wallSeconds, 2),
		requests: Object.values(run.kinds).reduce((sum, k) => sum + k.requests, 0),
		latencyMs: latency,
		errors: {
			failedResponses: non2xxOrWrong,
			non2xx: run.result.non2xx,
			socketErrors: run.result.errors - run.result.timeouts,
			timeouts: run.result.timeouts,
			abandonedSequences: run.result.resets,
			firstFailures: run.failures,
		},
		serverCpuPercent: run.serverCpuPercent,
		loadGeneratorCpuPercent: run.clientCpuPercent,
		databaseCpuPercent: run.databaseCpuPercent,
		peakRssMiB: run.peakRssMiB,
	};
}

type PhaseReport = ReturnType<typeof report>;

function errorCount(phase: PhaseReport): number {
	const e = phase.errors;
	return e.failedResponses + e.non2xx + e.socketErrors + e.timeouts + e.abandonedSequences;
}

// ---------------------------------------------------------------- the phases, as reusable step lists

/** /register/token + /register/begin + /register/complete, a new user each time (`<prefix>-<n>`). */
function registrationSteps(authenticator: SoftAuthenticator, registered: User[], prefix: string): Step[] {
	let nextUser = 0;
	return [
		{
			kind: "register/token",
			path: "/register/token",
			secret: true,
			body: (context) => {
				const userId = `${prefix}-${nextUser++}`;
				context.userId = userId;
				return { userId, username: `${userId}@example.com`, attestation: "none" };
			},
			ok: (body, context) => {
				context.token = (JSON.parse(body) as { token: string }).token;
			},
		},
		{
			kind: "register/begin",
			path: "/register/begin",
			secret: false,
			body: (context) => (context.token ? { token: context.token, RPID: RP_ID, Origin: ORIGIN } : null),
			ok: (body, context) => {
				context.begin = JSON.parse(body);
			},
		},
		{
			kind: "register/complete",
			path: "/register/complete",
			secret: false,
			body: (context) => {
				const begin = context.begin as { data: PublicKeyCredentialCreationOptionsJSON; session: string } | undefined;
				if (!begin) return null;
				const response = authenticator.createCredential(begin.data, { origin: ORIGIN });
				context.credentialId = response.id;
				return { session: begin.session, response, RPID: RP_ID, Origin: ORIGIN };
			},
			ok: (body, context) => {
				if (!body.includes('"verify_')) return false;
				registered.push({ userId: context.userId as string, credentialId: context.credentialId as string });
			},
		},
	];
}

/**
 * begin + complete + verify. Each sign-in checks a user out of a FIFO pool at begin and puts it back when complete
 * answers, so no two sign-ins in flight share a credential and counters never race. `done.count` counts sign-ins
 * whose verify named the right user.
 */
function signInSteps(authenticator: SoftAuthenticator, users: User[], done: { count: number }): Step[] {
	const pool: User[] = [...users];
	const release = (context: RequestContext): void => {
		const user = context.user as User | undefined;
		if (user) pool.push(user);
		context.user = undefined;
	};
	return [
		{
			kind: "signin/begin",
			path: "/signin/begin",
			secret: false,
			body: (context) => {
				const user = pool.shift();
				if (!user) throw new Error("the user pool ran dry (a leaked checkout)");
				context.user = user;
				return { userId: user.userId, RPID: RP_ID, Origin: ORIGIN };
			},
			ok: (body, context) => {
				context.begin = JSON.parse(body);
			},
			failed: release,
		},
		{
			kind: "signin/complete",
			path: "/signin/complete",
			secret: false,
			body: (context) => {
				const begin = context.begin as { data: PublicKeyCredentialRequestOptionsJSON; session: string } | undefined;
				const user = context.user as User | undefined;
				if (!begin || !user) return null;
				const response = authenticator.getAssertion(begin.data, { origin: ORIGIN, credentialId: user.credentialId });
				return { session: begin.session, response, RPID: RP_ID, Origin: ORIGIN };
			},
			ok: (body, context) => {
				context.userId = (context.user as User).userId;
				context.token = (JSON.parse(body) as { token: string }).token;
				release(context);
			},
			failed: release,
		},
		{
			kind: "signin/verify",
			path: "/signin/verify",
			secret: true,
			body: (context) => (context.token ? { token: context.token } : null),
			ok: (body, context) => {
				if ((JSON.parse(body) as { userId: string }).userId !== context.userId) return false;
				done.count++;
			},
		},
	];
}

/** One whole-sign-in phase with these users; returns its report. */
async function signInPhase(
	bench: Bench,
	authenticator: SoftAuthenticator,
	users: User[],
	limits: Pick<Options, "duration" | "amount" | "overallRate">,
	name = "sign-in",
): Promise<PhaseReport> {
	const done = { count: 0 };
	const run = await bench.phase(name, signInSteps(authenticator, users, done), limits);
	return report(run, "sign-ins", done.count);
}

/** One registration phase; returns its report and the users it registered. */
async function registrationPhase(
	bench: Bench,
	authenticator: SoftAuthenticator,
	prefix: string,
	limits: Pick<Options, "duration" | "amount">,
): Promise<{ report: PhaseReport; registered: User[] }> {
	const registered: User[] = [];
	const run = await bench.phase("registration", registrationSteps(authenticator, registered, prefix), limits);
	return { report: report(run, "registrations", registered.length), registered };
}

/**
 * The server env of every run: info logs (startServer reads the URL from them), no rate limits, maybe a profiler.
 * @param cryptoTiming - where the server writes the time of its signature checks and key imports (crypto-timing.mjs)
 */
function serverEnv(cryptoTiming?: string): Record<string, string> {
	const env: Record<string, string> = {
		LATCHKEY_LOG_LEVEL: "info",
		LATCHKEY_RATE_LIMIT_PER_IP: "0",
		LATCHKEY_RATE_LIMIT_PER_APP: "0",
		LATCHKEY_RATE_LIMIT_PER_KEY: "0",
	};
	const preloads: string[] = [];
	if (PROFILE) {
		preloads.push(new URL("./cpu-profile.mjs", import.meta.url).href);
		env.BENCH_PROFILE_DIR = PROFILE;
	}
	if (cryptoTiming) {
		preloads.push(CRYPTO_TIMING_PRELOAD);
		env.BENCH_CRYPTO_TIMING = cryptoTiming;
	}
	if (preloads.length > 0) env.NODE_OPTIONS = [process.env.NODE_OPTIONS ?? "", ...preloads.map((p) => `--import ${p}`)].join(" ").trim();
	return env;
}

/** Where the main server writes its crypto timing (crypto-timing.mjs). */
const CRYPTO_TIMING = join(tmpdir(), `latchkey-bench-crypto-${process.pid}.json`);

/** A fresh `latchkey serve` on its own SQLite file, with the bench app, warmed up by one registration + 20 sign-ins. */
async function freshLatchkey(args: string[]): Promise<{ server: ServerProcess; bench: Bench; authenticator: SoftAuthenticator }> {
	const server = await startServer({ env: serverEnv(), args });
	const app = await server.createApp({ appId: "bench", rpId: RP_ID });
	const api = new Api(server.url, app);
	const authenticator = new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256] });
	const smoke = { userId: "smoke", credentialId: await api.register(authenticator, "smoke") };
	for (let i = 0; i < 20; i++) await api.signIn(authenticator, smoke);
	return { server, bench: new Bench([server], api, null), authenticator };
}

async function stopServer(server: ServerProcess): Promise<void> {
	await server.stop();
	server.cleanup();
}

/**
 * p99 of a whole sign-in at fractions of the measured maximum: an open-loop schedule (bench/paced-sign-ins.ts), not
 * autocannon's overallRate, which sends each second's quota in a burst.
 */
/** Starts bench/paced-child.ts and has it register `users` users of its own on the server under test. */
async function startCurveGenerator(
	bench: Bench,
	users: number,
): Promise<{ step(perSecond: number): Promise<Extract<FromChild, { type: "result" }>>; stop(): void }> {
	const child = fork(fileURLToPath(new URL("./paced-child.ts", import.meta.url)), [], {
		// The instrument's own pauses land in every latency it records. With V8's defaults its scavenges took 5–9 ms
		// (2.5 MB survived each, the parallel phase waiting for helper threads on the 2 shared cores); a 1 MiB young
		// generation scavenged on its own thread keeps them short (bench/README.md, "The load curve"). V8 pretenured some
		// of its short-lived objects straight into the old generation (40 MB every ~2.6 s), and each Mark-Compact of that
		// paused it 10–12 ms mid-step; without pretenuring no Mark-Compact falls in a step.
		execArgv: ["--expose-gc", "--single-threaded-gc", "--max-semi-space-size=1", "--no-allocation-site-pretenuring", "--import", "tsx"],
		stdio: ["ignore", "inherit", "inherit", "ipc"],
	});
	let pending: { resolve: (m: FromChild) => void; reject: (e: Error) => void } | null = null;
	child.on("message", (message: FromChild) => {
		const waiter = pending;
		pending = null;
		if (message.type === "error") waiter?.reject(new Error(`curve load generator: ${message.message}`));
		else waiter?.resolve(message);
	});
	child.once("exit", (code) => pending?.reject(new Error(`the curve load generator exited with ${code}`)));
	const ask = (message: ToChild): Promise<FromChild> =>
		new Promise((resolve, reject) => {
			pending = { resolve, reject };
			child.send(message);
		});
	await ask({ type: "setup", url: bench.api.url, keys: bench.api.app, users, rpId: RP_ID, origin: ORIGIN });
	return {
		async step(perSecond) {
			return (await ask({ type: "step", perSecond, seconds: LOAD_SECONDS })) as Extract<FromChild, { type: "result" }>;
		},
		stop() {
			child.send({ type: "exit" } satisfies ToChild);
		},
	};
}

/**
 * The load curve: whole sign-ins on an open-loop schedule at LOAD_STEPS % of the measured maximum, driven by a load
 * generator in a fresh process (bench/paced-child.ts) with 2,000 users of its own.
 */
async function loadCurve(bench: Bench, maxSignIns: number): Promise<CurvePoint[]> {
	const points: CurvePoint[] = [];
	const generator = await startCurveGenerator(bench, CURVE_USERS);
	try {
		for (const percent of LOAD_STEPS) {
			const signInsPerSecond = (maxSignIns * percent) / 100;
			const serverCpu0 = bench.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
			const { run, cpuSeconds: generatorCpu } = await generator.step(signInsPerSecond);
			const serverCpu = bench.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - serverCpu0;
			const p99 = Object.fromEntries(Object.entries(run.latencies).map(([kind, values]) => [kind, summarize(values).p99]));
			const p50 = Object.fromEntries(Object.entries(run.latencies).map(([kind, values]) => [kind, summarize(values).p50]));
			points.push({
				percent,
				offeredSignInsPerSecond: round(signInsPerSecond, 1),
				achieved: round(run.perSecond, 1),
				p50,
				p99,
				errors: run.errors,
				serverCpuPercent: round((serverCpu / LOAD_SECONDS) * 100),
				loadGeneratorCpuPercent: round((generatorCpu / LOAD_SECONDS) * 100),
				loadGeneratorStallMs: run.loadGeneratorStallMs,
			});
			if (run.firstFailures.length > 0) console.error(`      failures: ${run.firstFailures.join(" | ")}`);
			console.log(
				`      ${percent}%: offered ${round(signInsPerSecond)}/s, achieved ${round(run.perSecond, 1)}/s, p99 ${Object.entries(p99)
					.map(([k, v]) => `${k} ${v} ms`)
					.join(", ")} (p50 ${Object.values(p50).join(" / ")} ms); longest load-generator stall ${run.loadGeneratorStallMs} ms; ` +
					`CPU: server ${round((serverCpu / LOAD_SECONDS) * 100)} %, load generator ${round((generatorCpu / LOAD_SECONDS) * 100)} %`,
			);
		}
	} finally {
		generator.stop();
	}
	return points;
}

interface CurvePoint {
	percent: number;
	offeredSignInsPerSecond: number;
	achieved: number;
	p50: Record<string, number>;
	p99: Record<string, number>;
	errors: number;
	serverCpuPercent: number;
	loadGeneratorCpuPercent: number;
	/** The load generator's longest event-loop stall during the step (its own GC or work): latency the server did not cause. */
	loadGeneratorStallMs?: number;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
	if (ONLY === "workers") {
		const { two } = await measureWorkers(0);
		console.log(JSON.stringify({ ...two, latencyMs: undefined }));
		return;
	}
	if (ONLY === "curve") {
		const { server, bench } = await freshLatchkey(["--workers", "1"]);
		try {
			await loadCurve(bench, envInt("BENCH_CURVE_MAX", 1900, 10, 1_000_000));
		} finally {
			await stopServer(server);
		}
		return;
	}
	if (ONLY === "flatness") {
		const { small, large, ratio } = await measureFlatness();
		console.log(`      ratio ${ratio}`, small.signInsPerSecond, large.signInsPerSecond);
		return;
	}
	const started = performance.now();
	const machine = {
		nproc: cpus().length,
		cpuModel: cpuModel(),
		memoryGiB: round(totalmem() / 2 ** 30, 1),
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
	};
	const full = DATABASE === "sqlite" && !PROFILE && !QUICK;
	console.log(
		`Latchkey bench: ${SECONDS} s per phase, ${CONNECTIONS} connections, ${DATABASE}, ${NODES} node(s); ${machine.nproc} × ${machine.cpuModel}, node ${machine.node}`,
	);

	console.log(`\n[1] raw crypto.verify ES256 for ${VERIFY_SECONDS} s, then WebCrypto for ${VERIFY_SECONDS} s (before the server starts)…`);
	const rawVerify = measureRawVerify(VERIFY_SECONDS);
	console.log(`      ${rawVerify.verifiesPerSecond.toLocaleString("en-US")} verifies/s on one core`);
	const commit = measureCommit(VERIFY_SECONDS);
	console.log(`      ${commit.microsPerCommit} µs per SQLite WAL commit of one small write`);
	const storage = measureStorage(VERIFY_SECONDS);
	console.log(
		`      SQLite work of a sign-in, ${storage.perCommit} writes per commit: begin ${storage.beginMicros}, complete ${storage.completeMicros}, verify ${storage.verifyMicros} µs`,
	);
	const webCryptoVerify = await measureWebCryptoVerify(VERIFY_SECONDS);
	console.log(`      ${webCryptoVerify.verifiesPerSecond.toLocaleString("en-US")} WebCrypto importKey + verify/s, one after another`);

	// PostgreSQL with its durable defaults (fsync, synchronous_commit on): nothing acknowledged may be lost.
	const cluster = DATABASE === "postgres" ? await startThrowawayCluster({ durable: true }) : null;
	const databaseUrl = cluster ? await cluster.createDatabase("latchkey_bench") : undefined;
	const servers = await Promise.all(
		Array.from({ length: NODES }, () =>
			startServer({ env: serverEnv(CRYPTO_TIMING), args: ["--workers", "1"], ...(databaseUrl ? { databaseUrl } : {}) }),
		),
	);
	const server = servers[0] as ServerProcess;
	let stopped = false;
	const extra: Extra = { commit, storage };
	try {
		const app = await server.createApp({ appId: "bench", rpId: RP_ID });
		const api = new Api(server.url, app);
		const bench = new Bench(servers, api, cluster);
		const rssStarted = bench.rss();

		// Registered during the registration phase; they sign in during the sign-in phase (counters increment).
		const authenticator = new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256] });
		// Synced passkeys (counter always 0): their assertions can be signed before the complete-only phase.
		const synced = new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256], flags: { be: true, bs: true }, fixedSignCount: 0 });
		const syncedUsers: User[] = [];

		console.log(`\n[2] setup: smoke test and ${CONNECTIONS * 2} synced-passkey users (plain fetch, not measured)…`);
		const smokeUser = { userId: "smoke", credentialId: await api.register(authenticator, "smoke") };
		for (let i = 0; i < 20; i++) await api.signIn(authenticator, smokeUser); // fails loudly if anything is wrong; warms up
		for (const other of servers.slice(1)) {
			const nodeApi = new Api(other.url, app); // every node gets the same warm-up
			for (let i = 0; i < 20; i++) await nodeApi.signIn(authenticator, smokeUser);
		}
		for (let i = 0; i < CONNECTIONS * 2; i++) {
			const userId = `synced-${i}`;
			syncedUsers.push({ userId, credentialId: await api.register(synced, userId) });
		}
		await api.signIn(synced, syncedUsers[0] as User);
		await sleep(1000);
		const rssIdle = bench.rss();
		console.log(`      server RSS ${rssStarted.toFixed(1)} MiB after start, ${rssIdle.toFixed(1)} MiB idle before load`);
		bench.startSampling();

		console.log(`\n[3] registration for ${SECONDS} s…`);
		const { report: registrationReport, registered } = await registrationPhase(bench, authenticator, "user", { duration: SECONDS });
		console.log(`      ${registrationReport.perSecond} registrations/s`);
		if (registered.length < CONNECTIONS * 2) throw new Error(`only ${registered.length} registrations succeeded; need ${CONNECTIONS * 2}`);

		console.log(`\n[4] whole sign-in (begin + complete + verify) for ${SECONDS} s…`);
		const signInReport = await signInPhase(bench, authenticator, registered, { duration: SECONDS });
		console.log(`      ${signInReport.perSecond} sign-ins/s`);

		// The load curve right after the sign-in phase, before phases 5–6: those leave ~140,000 verify tokens nobody
		// verifies, and purging them two minutes later would land in the curve instead of measuring steady state.
		if (full) {
			console.log(
				`\n[4b] whole sign-in at ${LOAD_STEPS.join("/")} % of ${signInReport.perSecond}/s, ${LOAD_SECONDS} s each (open-loop rate)…`,
			);
			extra.loadCurve = await loadCurve(bench, signInReport.perSecond);
		}

		// ---- preparation of the complete-only phase: begins (measured too, as a by-product), then assertions signed here.
		// Enough sessions for about SECONDS of completes at four times the whole-sign-in rate; the phase runs until they are used.
		const wanted = Math.min(500_000, Math.max(CONNECTIONS * 20, Math.ceil(4 * signInReport.perSecond * SECONDS)));
		console.log(`\n[5] preparing ${wanted.toLocaleString("en-US")} sign-in sessions (/signin/begin alone) and their assertions…`);
		const sessions: { user: User; session: string; data: PublicKeyCredentialRequestOptionsJSON }[] = [];
		let nextSynced = 0;
		const begins = await bench.phase(
			"begin-only",
			[
				{
					kind: "signin/begin",
					path: "/signin/begin",
					secret: false,
					body: (context) => {
						const user = syncedUsers[nextSynced++ % syncedUsers.length] as User;
						context.user = user;
						return { userId: user.userId, RPID: RP_ID, Origin: ORIGIN };
					},
					ok: (body, context) => {
						const begin = JSON.parse(body) as { data: PublicKeyCredentialRequestOptionsJSON; session: string };
						sessions.push({ user: context.user as User, session: begin.session, data: begin.data });
					},
				},
			],
			{ amount: wanted },
		);
		const beginReport = report(begins, "begins", sessions.length);
		const signStart = performance.now();
		const prepared = sessions.map(({ user, session, data }) =>
			JSON.stringify({
				session,
				response: synced.getAssertion(data, { origin: ORIGIN, credentialId: user.credentialId }),
				RPID: RP_ID,
				Origin: ORIGIN,
			}),
		);
		const signSeconds = (performance.now() - signStart) / 1000;
		console.log(
			`      ${beginReport.perSecond} begins/s; signed ${prepared.length.toLocaleString("en-US")} assertions in ${signSeconds.toFixed(1)} s ` +
				`(${round(prepared.length / signSeconds).toLocaleString("en-US")}/s on the load generator)`,
		);

		console.log(`\n[6] /signin/complete alone (${prepared.length.toLocaleString("en-US")} prepared sessions)…`);
		let nextPrepared = 0;
		const completes = await bench.phase(
			"complete-only",
			[
				{
					kind: "signin/complete",
					path: "/signin/complete",
					secret: false,
					// amount = prepared.length, so autocannon asks for exactly that many bodies
					body: () => prepared[nextPrepared++] ?? null,
					ok: (body) => body.includes('"verify_'),
				},
			],
			{ amount: prepared.length },
		);
		const completeReport = report(completes, "completes", completes.kinds["signin/complete"]?.ok ?? 0);
		console.log(`      ${completeReport.perSecond} completes/s`);

		if (full || QUICK) {
			console.log(`\n[6b] the floor: the same /signin/complete bodies to an empty Fastify route, for ${SECONDS} s…`);
			extra.floor = await measureFloor(prepared);
			console.log(`      ${extra.floor.perSecond} answers/s (server CPU ${extra.floor.serverCpuPercent} %)`);
		}

		if (full) {
			if (SOAK_SECONDS > 0) {
				console.log(`\n[7b] soak: whole sign-in at full load for ${SOAK_SECONDS} s, RSS sampled every 5 s…`);
				const samples: number[] = [];
				const sampler = setInterval(() => samples.push(round(bench.rss(), 1)), 5000);
				const soak = await signInPhase(bench, authenticator, registered, { duration: SOAK_SECONDS }, "soak");
				clearInterval(sampler);
				const first = samples.slice(0, Math.max(1, Math.floor(samples.length / 5)));
				const last = samples.slice(-Math.max(1, Math.floor(samples.length / 5)));
				const mean = (xs: number[]): number => round(xs.reduce((a, b) => a + b, 0) / xs.length, 1);
				extra.soak = {
					seconds: SOAK_SECONDS,
					signInsPerSecond: soak.perSecond,
					errors: errorCount(soak),
					rssMiB: {
						start: samples[0] ?? 0,
						end: samples.at(-1) ?? 0,
						peak: Math.max(...samples),
						firstFifthMean: mean(first),
						lastFifthMean: mean(last),
					},
					samples,
				};
				console.log(`      ${soak.perSecond} sign-ins/s; RSS ${JSON.stringify(extra.soak.rssMiB)}`);
			}
		}

		bench.stopSampling();
		await sleep(1000);
		const rssAfter = bench.rss();
		const peakRss = Math.max(...[registrationReport, signInReport, beginReport, completeReport].map((p) => p.peakRssMiB));
		const phases = { registration: registrationReport, signIn: signInReport, beginOnly: beginReport, completeOnly: completeReport };

		for (const s of servers) await s.stop();
		stopped = true;
		const inServer = (phase: PhaseReport): CryptoInServer | null =>
			cryptoInServer(CRYPTO_TIMING, phase.startedAtMs, phase.startedAtMs + phase.seconds * 1000);
		const signInCrypto = inServer(signInReport);
		const completeCrypto = inServer(completeReport);
		if (signInCrypto && completeCrypto) extra.cryptoInServer = { signIn: signInCrypto, completeOnly: completeCrypto };
		rmSync(CRYPTO_TIMING, { force: true });
		if (full) {
			console.log(
				`\n[8] start-up: latchkey serve on the existing database (${registered.length.toLocaleString("en-US")} credentials), 5 times…`,
			);
			extra.startup = await measureStartup(server.databaseUrl, 5);
			console.log(`      first answer after ${extra.startup.runsMs.join(", ")} ms (median ${extra.startup.medianMs} ms)`);
		}
		for (const s of servers) s.cleanup();

		if (full) {
			extra.flatness = await measureFlatness();
			extra.workers = await measureWorkers(signInReport.perSecond);
			extra.reference = await measureReference();
		}

		const results = buildResults({
			machine,
			rawVerify,
			webCryptoVerify,
			phases,
			extra,
			assertionSigning: { count: prepared.length, perSecond: round(prepared.length / signSeconds) },
			rss: { rssStarted, rssIdle, peakRss, rssAfter },
		});
		results.benchSeconds = round((performance.now() - started) / 1000);
		mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
		if (!QUICK) writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
		printTable(results);
		const md = markdown(results);
		if (full) {
			const chart = await renderChart(chartData(results), {
				svg: fileURLToPath(new URL("./results/chart.svg", import.meta.url)),
				png: fileURLToPath(new URL("./results/chart.png", import.meta.url)),
			});
			if (chart) console.log(`\nchart: bench/results/chart.png`);
			writeFileSync(new URL("./results/latest.md", import.meta.url), `${md}\n`);
			console.log("table: bench/results/latest.md");
		}
		console.log(`\n${md}`);
		if (results.totalErrors > 0) {
			console.error(`\n${results.totalErrors} errors: the figures are not trustworthy. First failures:`);
			for (const p of Object.values(phases)) for (const f of p.errors.firstFailures) console.error(`  ${f}`);
			process.exitCode = 1;
		}
	} finally {
		if (!stopped) {
			for (const s of servers) {
				await s.stop();
				s.cleanup();
			}
		}
		await cluster?.destroy();
	}
	if (PROFILE) {
		const file = join(PROFILE, `server-${server.child.pid}.cpuprofile`);
		console.log(`\nCPU profile: ${file}\n${summarizeProfile(file)}`);
	}
}

/** Target 5: whole sign-in with FLAT_USERS real users among 10,000 and then 1,000,000 stored credentials. */
async function measureFlatness(): Promise<NonNullable<Extra["flatness"]>> {
	console.log(
		`\n[9] flat with size: ${FLAT_USERS.toLocaleString("en-US")} users sign in among ${FLAT_SMALL.toLocaleString("en-US")}, then ${FLAT_LARGE.toLocaleString("en-US")} credentials…`,
	);
	const { server, bench, authenticator } = await freshLatchkey(["--workers", "1"]);
	try {
		const { registered } = await registrationPhase(bench, authenticator, "flat", { amount: FLAT_USERS * 3 });
		const file = server.databaseUrl.replace(/^sqlite:/, "");
		const small = seedCredentials(file, { appId: "bench", total: FLAT_SMALL });
		const atSmall = await signInPhase(bench, authenticator, registered, { duration: SECONDS });
		console.log(
			`      ${FLAT_SMALL.toLocaleString("en-US")} credentials (${small.added} filler added in ${small.seconds.toFixed(1)} s): ${atSmall.perSecond} sign-ins/s`,
		);
		const large = seedCredentials(file, { appId: "bench", total: FLAT_LARGE });
		const atLarge = await signInPhase(bench, authenticator, registered, { duration: SECONDS });
		console.log(
			`      ${FLAT_LARGE.toLocaleString("en-US")} credentials (${large.added.toLocaleString("en-US")} filler added in ${large.seconds.toFixed(1)} s): ${atLarge.perSecond} sign-ins/s`,
		);
		return {
			users: registered.length,
			small: { credentials: FLAT_SMALL, signInsPerSecond: atSmall.perSecond, p99: atSmall.latencyMs, errors: errorCount(atSmall) },
			large: {
				credentials: FLAT_LARGE,
				signInsPerSecond: atLarge.perSecond,
				p99: atLarge.latencyMs,
				errors: errorCount(atLarge),
				seedSeconds: round(large.seconds, 1),
			},
			ratio: round(atLarge.perSecond / atSmall.perSecond, 3),
		};
	} finally {
		await stopServer(server);
	}
}

/** Target 9: the same whole sign-in against `latchkey serve --workers 2` (node:cluster, one SQLite file). */
async function measureWorkers(oneWorker: number): Promise<NonNullable<Extra["workers"]>> {
	console.log(`\n[10] --workers 2: registration for ${Math.ceil(SECONDS / 2)} s, then whole sign-in for ${SECONDS} s…`);
	const { server, bench, authenticator } = await freshLatchkey(["--workers", "2"]);
	try {
		const { registered, report: registration } = await registrationPhase(bench, authenticator, "w2", { duration: Math.ceil(SECONDS / 2) });
		bench.startSampling();
		const signIn = await signInPhase(bench, authenticator, registered, { duration: SECONDS });
		bench.stopSampling();
		console.log(
			`      ${registration.perSecond} registrations/s, ${signIn.perSecond} sign-ins/s (1 worker: ${oneWorker}/s), CPU ${signIn.serverCpuPercent} % servers / ${signIn.loadGeneratorCpuPercent} % loadgen`,
		);
		return {
			one: { signInsPerSecond: oneWorker },
			two: {
				signInsPerSecond: signIn.perSecond,
				registrationsPerSecond: registration.perSecond,
				latencyMs: signIn.latencyMs,
				serverCpuPercent: signIn.serverCpuPercent,
				loadGeneratorCpuPercent: signIn.loadGeneratorCpuPercent,
				peakRssMiB: signIn.peakRssMiB,
				errors: errorCount(signIn) + errorCount(registration),
			},
			ratio: round(signIn.perSecond / oneWorker, 3),
		};
	} finally {
		await stopServer(server);
	}
}

/** Target 3: the SimpleWebAuthn-docs reference server, same registration and whole-sign-in phases. */
/**
 * The floor: an empty Fastify route (reference/floor-server.ts) answering the very bodies of phase 6, with the same
 * load generator and connections. No server on this stack can answer faster; a complete costs at least this plus a
 * signature check.
 */
async function measureFloor(bodies: string[]): Promise<PhaseReport> {
	const floor = await startFloor();
	try {
		const bench = new Bench([floor], new Api(floor.url, { appId: "floor", apiKey: "floor", apiSecret: "floor" }), null);
		bench.startSampling();
		let next = 0;
		const run = await bench.phase(
			"floor",
			[
				{
					kind: "floor/complete",
					path: "/signin/complete",
					secret: false,
					body: () => bodies[next++ % bodies.length] ?? null,
					ok: (body) => body.includes('"verify_'),
				},
			],
			{ duration: SECONDS },
		);
		bench.stopSampling();
		return report(run, "floor answers", run.kinds["floor/complete"]?.ok ?? 0);
	} finally {
		await floor.stop();
	}
}

async function measureReference(): Promise<NonNullable<Extra["reference"]>> {
	console.log(`\n[11] reference server (bench/reference/server.ts): registration for ${SECONDS} s, then whole sign-in for ${SECONDS} s…`);
	const reference = await startReference();
	try {
		const api = new Api(reference.url, { appId: "reference", ...reference.keys });
		const authenticator = new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256] });
		const smoke = { userId: "smoke", credentialId: await api.register(authenticator, "smoke") };
		for (let i = 0; i < 20; i++) await api.signIn(authenticator, smoke);
		const bench = new Bench([reference], api, null);
		bench.startSampling();
		const { registered, report: registration } = await registrationPhase(bench, authenticator, "ref", { duration: SECONDS });
		const signIn = await signInPhase(bench, authenticator, registered, { duration: SECONDS });
		bench.stopSampling();
		console.log(`      ${registration.perSecond} registrations/s, ${signIn.perSecond} sign-ins/s`);
		return { registration, signIn };
	} finally {
		await reference.stop();
	}
}

// ---------------------------------------------------------------- results

/** The runs beyond the main phases (SQLite, one node). */
interface Extra {
	loadCurve?: CurvePoint[];
	soak?: {
		seconds: number;
		signInsPerSecond: number;
		errors: number;
		rssMiB: { start: number; end: number; peak: number; firstFifthMean: number; lastFifthMean: number };
		samples: number[];
	};
	startup?: { runsMs: number[]; medianMs: number };
	flatness?: {
		users: number;
		small: { credentials: number; signInsPerSecond: number; p99: Record<string, Latency>; errors: number };
		large: { credentials: number; signInsPerSecond: number; p99: Record<string, Latency>; errors: number; seedSeconds: number };
		ratio: number;
	};
	workers?: {
		one: { signInsPerSecond: number };
		two: {
			signInsPerSecond: number;
			registrationsPerSecond: number;
			latencyMs: Record<string, Latency>;
			serverCpuPercent: number;
			loadGeneratorCpuPercent: number;
			peakRssMiB: number;
			errors: number;
		};
		ratio: number;
	};
	reference?: { registration: PhaseReport; signIn: PhaseReport };
	floor?: PhaseReport;
	commit?: { microsPerCommit: number; commits: number };
	storage?: StorageCost;
	/** The signature check and key import inside the main server, in the sign-in and complete-only phases. */
	cryptoInServer?: { signIn: CryptoInServer; completeOnly: CryptoInServer };
}

/** One of the issue's targets, as measured. */
interface Target {
	n: number;
	what: string;
	measured: string;
	target: string;
	met: boolean | null;
}

function targets(r: Omit<Results, "targets">): Target[] {
	const raw = r.rawVerify.verifiesPerSecond;
	const { signIn, completeOnly, registration } = r.phases as Record<string, PhaseReport>;
	const e = r.extra;
	const out: Target[] = [];
	const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
	if (!signIn || !completeOnly || !registration) return out;
	// With F seconds of server CPU per answer of an empty Fastify route (its CPU ÷ its rate: the floor's load
	// generator runs out of CPU before the floor does), the raw rate V and S seconds of SQLite work (the store's
	// statements on its schema, ten writes per commit: measure-storage.ts), a complete costs at least F + 1/V + S of
	// the server's thread and a whole sign-in 3F + 1/V + S (three requests, one signature check): the highest ratios
	// this stack allows, before any parsing, checking, auth or logging of Latchkey's own.
	const floor = e.floor;
	const floorSeconds = floor ? floor.serverCpuPercent / 100 / floor.perSecond : 0;
	const st = e.storage;
	// The same with the check (and, for whole sign-ins, the key import) at what they cost inside the server during
	// that phase (crypto-timing.mjs): between requests, with caches full of other work, not in phase 1's tight loop.
	const ceiling = (requests: number, storageMicros: number, inServer: CryptoInServer | undefined): string => {
		if (!floor) return "";
		const parts = `floor ${(floorSeconds * 1e6).toFixed(1)} µs, SQLite ${storageMicros.toFixed(1)} µs`;
		const rawCeiling = pct(1 / (requests * floorSeconds + 1 / raw + storageMicros / 1e6) / raw);
		if (!inServer) return `; ceiling on this stack ${rawCeiling} (${parts})`;
		const imports = inServer.importsPerVerify >= 0.05;
		const cryptoMicros = inServer.verifyMicros + (imports ? inServer.importsPerVerify * inServer.importMicros : 0);
		const inServerCeiling = pct(1 / (requests * floorSeconds + (cryptoMicros + storageMicros) / 1e6) / raw);
		const what = imports
			? `the check and key import as they cost in the server (${inServer.verifyMicros} + ${inServer.importsPerVerify} × ${inServer.importMicros} µs)`
			: `the check as it costs in the server (${inServer.verifyMicros} µs)`;
		return `; ceiling on this stack ${rawCeiling} with the raw check, ${inServerCeiling} with ${what} (${parts})`;
	};
	const cpuMicros = (phase: PhaseReport): number => Math.round((phase.serverCpuPercent / 100 / phase.perSecond) * 1e6);
	const completeStorage = st?.completeMicros ?? 0;
	const signInStorage = st ? st.beginMicros + st.completeMicros + st.verifyMicros : 0;
	out.push({
		n: 1,
		what: "`/signin/complete` alone ÷ raw verify",
		measured: `${pct(completeOnly.perSecond / raw)} (${fmtN(completeOnly.perSecond)}/s ÷ ${fmtN(raw)}/s; ${cpuMicros(completeOnly)} µs of server CPU each)${ceiling(1, completeStorage, e.cryptoInServer?.completeOnly)}`,
		target: "≥ 50 %",
		met: completeOnly.perSecond / raw >= 0.5,
	});
	out.push({
		n: 2,
		what: "whole sign-in ÷ raw verify",
		measured: `${pct(signIn.perSecond / raw)} (${fmtN(signIn.perSecond)}/s; ${cpuMicros(signIn)} µs of server CPU each)${ceiling(3, signInStorage, e.cryptoInServer?.signIn)}`,
		target: "≥ 25 %",
		met: signIn.perSecond / raw >= 0.25,
	});
	if (e.reference) {
		const ratio = signIn.perSecond / e.reference.signIn.perSecond;
		// Twice the reference's rate means half its server CPU per sign-in; set against it what the stack costs before
		// any of Latchkey's own work (three floors, the SQLite work, the check and key import as in the server).
		const c = e.cryptoInServer?.signIn;
		const fixedMicros = c && floor ? 3 * floorSeconds * 1e6 + signInStorage + c.verifyMicros + c.importsPerVerify * c.importMicros : null;
		const budget =
			fixedMicros === null
				? ""
				: `; 2× leaves ${Math.round(cpuMicros(e.reference.signIn) / 2)} µs of server CPU per sign-in (the reference: ${cpuMicros(e.reference.signIn)} µs), ` +
					`of which the floors, SQLite, the check and the key import take ${Math.round(fixedMicros)} µs`;
		out.push({
			n: 3,
			what: "whole sign-in ÷ reference server's",
			measured: `${ratio.toFixed(2)}× (${fmtN(signIn.perSecond)} vs ${fmtN(e.reference.signIn.perSecond)}/s)${budget}`,
			target: "≥ 2×",
			met: ratio >= 2,
		});
	}
	const half = e.loadCurve?.find((p) => p.percent === 50);
	if (half) {
		const worst = Math.max(...Object.values(half.p99));
		out.push({
			n: 4,
			what: "p99 at half of the maximum load (worst request type)",
			measured: `${worst.toFixed(2)} ms (${Object.entries(half.p99)
				.map(([k, v]) => `${k.split("/")[1]} ${v}`)
				.join(", ")})`,
			target: "< 5 ms",
			met: worst < 5,
		});
	}
	if (e.flatness) {
		out.push({
			n: 5,
			what: `sign-in with ${fmtN(e.flatness.large.credentials)} credentials ÷ with ${fmtN(e.flatness.small.credentials)}`,
			measured: `${pct(e.flatness.ratio)} (${fmtN(e.flatness.large.signInsPerSecond)} vs ${fmtN(e.flatness.small.signInsPerSecond)}/s)`,
			target: "≥ 90 %",
			met: e.flatness.ratio >= 0.9,
		});
	}
	out.push({
		n: 6,
		what: "registration ÷ whole sign-in",
		measured: `${(registration.perSecond / signIn.perSecond).toFixed(2)}× (${fmtN(registration.perSecond)} vs ${fmtN(signIn.perSecond)}/s)`,
		target: "≥ 1×",
		met: registration.perSecond >= signIn.perSecond,
	});
	const soak = e.soak;
	out.push({
		n: 7,
		what: `RSS: idle; peak under load${soak ? `; ${soak.seconds} s soak first→last fifth` : ""}`,
		measured:
			`${r.rssMiB.idleBeforeLoad} MiB; ${r.rssMiB.peakDuringLoad} MiB` +
			(soak
				? `; ${soak.rssMiB.firstFifthMean} → ${soak.rssMiB.lastFifthMean} MiB (peak ${soak.rssMiB.peak})`
				: " (soak: BENCH_SOAK_SECONDS=300)"),
		target: "< 100 MB; < 250 MB, not growing",
		met:
			r.rssMiB.idleBeforeLoad < 100 &&
			r.rssMiB.peakDuringLoad < 250 &&
			(soak ? soak.rssMiB.peak < 250 && soak.rssMiB.lastFifthMean <= soak.rssMiB.firstFifthMean * 1.05 : true),
	});
	if (e.startup) {
		out.push({
			n: 8,
			what: "start-up to the first answer, existing database (median of 5)",
			measured: `${e.startup.medianMs} ms`,
			target: "< 500 ms",
			met: e.startup.medianMs < 500,
		});
	}
	if (e.workers) {
		out.push({
			n: 9,
			what: "`--workers 2` ÷ `--workers 1`, whole sign-in",
			measured: `${e.workers.ratio.toFixed(2)}× (${fmtN(e.workers.two.signInsPerSecond)} vs ${fmtN(e.workers.one.signInsPerSecond)}/s)`,
			target: "report 1 and 2",
			met: null,
		});
	}
	return out;
}

const fmtN = (n: number): string => Math.round(n).toLocaleString("en-US");

function buildResults(input: {
	machine: Results["machine"] & Record<string, unknown>;
	rawVerify: Results["rawVerify"] & Record<string, unknown>;
	webCryptoVerify: unknown;
	phases: Record<string, PhaseReport>;
	extra: Extra;
	assertionSigning: { count: number; perSecond: number };
	rss: { rssStarted: number; rssIdle: number; peakRss: number; rssAfter: number };
}): Results {
	const { phases, rawVerify, extra } = input;
	const totalErrors =
		Object.values(phases).reduce((sum, p) => sum + errorCount(p), 0) +
		(extra.loadCurve ?? []).reduce((sum, p) => sum + p.errors, 0) +
		(extra.flatness ? extra.flatness.small.errors + extra.flatness.large.errors : 0) +
		(extra.workers?.two.errors ?? 0) +
		(extra.reference ? errorCount(extra.reference.registration) + errorCount(extra.reference.signIn) : 0) +
		(extra.soak?.errors ?? 0);
	const partial: Omit<Results, "targets"> = {
		date: new Date().toISOString(),
		machine: input.machine,
		config: {
			database: DATABASE,
			nodes: NODES,
			secondsPerPhase: SECONDS,
			connections: CONNECTIONS,
			verifySeconds: VERIFY_SECONDS,
			loadSeconds: LOAD_SECONDS,
			soakSeconds: SOAK_SECONDS,
			algorithm: "ES256",
			attestation: "none",
		},
		rawVerify,
		webCryptoVerify: input.webCryptoVerify,
		phases,
		assertionSigning: input.assertionSigning,
		rssMiB: {
			afterStart: round(input.rss.rssStarted, 1),
			idleBeforeLoad: round(input.rss.rssIdle, 1),
			peakDuringLoad: round(input.rss.peakRss, 1),
			idleAfterLoad: round(input.rss.rssAfter, 1),
		},
		ratios: {
			signInsPerRawVerify: round((phases.signIn?.perSecond ?? 0) / rawVerify.verifiesPerSecond, 4),
			completesPerRawVerify: round((phases.completeOnly?.perSecond ?? 0) / rawVerify.verifiesPerSecond, 4),
		},
		extra,
		totalErrors,
		benchSeconds: 0,
	};
	return { ...partial, targets: targets(partial) };
}

/** The chart's data: throughput bars and the load curve. */
function chartData(results: Results): ChartData {
	const { phases, extra, rawVerify, machine } = results;
	const bars: ChartData["bars"] = [{ label: "Latchkey whole sign-in", value: phases.signIn?.perSecond ?? 0, kind: "ours" }];
	if (extra.workers) bars.push({ label: "Latchkey sign-in, --workers 2", value: extra.workers.two.signInsPerSecond, kind: "ours" });
	if (extra.reference)
		bars.push({ label: "reference (SimpleWebAuthn docs) sign-in", value: extra.reference.signIn.perSecond, kind: "reference" });
	bars.push({ label: "Latchkey registration", value: phases.registration?.perSecond ?? 0, kind: "ours" });
	if (extra.reference) bars.push({ label: "reference registration", value: extra.reference.registration.perSecond, kind: "reference" });
	bars.push({ label: "Latchkey /signin/complete alone", value: phases.completeOnly?.perSecond ?? 0, kind: "ours" });
	bars.push({ label: "raw crypto.verify ES256, one core", value: rawVerify.verifiesPerSecond, kind: "ceiling" });
	const curve = (extra.loadCurve ?? []).map((p) => ({ percent: p.percent, achieved: p.achieved, p99: p.p99 }));
	if (phases.signIn) {
		curve.push({
			percent: 100,
			achieved: phases.signIn.perSecond,
			p99: Object.fromEntries(Object.entries(phases.signIn.latencyMs).map(([k, l]) => [k, l.p99])),
		});
	}
	return {
		title: "Latchkey sign-in throughput and latency",
		subtitle: `${results.date.slice(0, 10)} · ${machine.nproc} × ${machine.cpuModel}, node ${machine.node} · SQLite · one latchkey serve process unless noted · load generator on the same machine · ${results.config.secondsPerPhase} s phases`,
		bars,
		marks: [
			{ label: "25 % of raw verify", value: rawVerify.verifiesPerSecond * 0.25 },
			{ label: "50 %", value: rawVerify.verifiesPerSecond * 0.5 },
		],
		curve,
		p99TargetMs: 5,
	};
}

// ---------------------------------------------------------------- output

type Results = {
	date: string;
	machine: { nproc: number; cpuModel: string; node: string };
	config: { secondsPerPhase: number; connections: number; database: string; nodes: number } & Record<string, unknown>;
	rawVerify: { verifiesPerSecond: number };
	webCryptoVerify: unknown;
	phases: Record<string, PhaseReport>;
	assertionSigning: { count: number; perSecond: number };
	rssMiB: { afterStart: number; idleBeforeLoad: number; peakDuringLoad: number; idleAfterLoad: number };
	ratios: { signInsPerRawVerify: number; completesPerRawVerify: number };
	extra: Extra;
	targets: Target[];
	totalErrors: number;
	benchSeconds: number;
};

function rows(results: Results): string[][] {
	const out: string[][] = [];
	const floor = results.extra.floor ? [results.extra.floor] : [];
	for (const phase of [...Object.values(results.phases), ...floor]) {
		const kinds = Object.entries(phase.latencyMs);
		kinds.forEach(([kind, latency], i) => {
			out.push([
				i === 0 ? `${phase.operation}/s` : "",
				i === 0 ? phase.perSecond.toLocaleString("en-US") : "",
				kind,
				latency.p50.toFixed(2),
				latency.p99.toFixed(2),
				i === 0 ? String(errorCount(phase)) : "",
				i === 0
					? `${phase.serverCpuPercent} / ${phase.loadGeneratorCpuPercent}${phase.databaseCpuPercent === null ? "" : ` / ${phase.databaseCpuPercent}`}`
					: "",
			]);
		});
	}
	return out;
}

const HEADER = [
	"figure",
	"value",
	"request",
	"p50 ms",
	"p99 ms",
	"errors",
	DATABASE === "postgres" ? `CPU % ${NODES > 1 ? `${NODES} servers` : "server"} / loadgen / PostgreSQL` : "CPU % server / loadgen",
];

function printTable(results: Results): void {
	const table = [HEADER, ...rows(results)];
	const widths = HEADER.map((_, c) => Math.max(...table.map((r) => (r[c] ?? "").length)));
	const line = (r: string[]): string =>
		r.map((cell, c) => (c === 1 || c >= 3 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join("  ");
	console.log(`\n${line(HEADER)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
	for (const r of table.slice(1)) console.log(line(r));
	const { rssMiB, ratios, rawVerify } = results;
	console.log(`\nraw crypto.verify ES256, one core: ${rawVerify.verifiesPerSecond.toLocaleString("en-US")}/s`);
	console.log(`sign-ins/s ÷ raw verifies/s: ${ratios.signInsPerRawVerify}   completes/s ÷ raw verifies/s: ${ratios.completesPerRawVerify}`);
	console.log(
		`server RSS: ${rssMiB.afterStart} MiB after start, ${rssMiB.idleBeforeLoad} MiB idle before load, ` +
			`${rssMiB.peakDuringLoad} MiB peak under load, ${rssMiB.idleAfterLoad} MiB idle after`,
	);
	console.log(`errors (non-2xx, wrong bodies, socket errors, timeouts, abandoned sequences): ${results.totalErrors}`);
}

function markdown(results: Results): string {
	const { machine, config, rawVerify, rssMiB, ratios, extra } = results;
	const lines = [
		`Machine: ${machine.nproc} × ${machine.cpuModel}, node ${machine.node}; ${config.database}, ${config.nodes} node(s), one \`latchkey serve\` process (\`--workers 1\`) unless noted; ${config.secondsPerPhase} s per phase, ${config.connections} connections. **The load generator (autocannon + the software authenticator, which signs every assertion) runs on the same ${machine.nproc} cores**, so every figure is what the box does with both on it. ${results.date.slice(0, 16).replace("T", " ")} UTC, ${results.benchSeconds} s in all, ${results.totalErrors} errors.`,
		"",
	];
	if (results.targets.length > 0) {
		lines.push(
			"| # | target | measured | wanted | met |",
			"|---|---|---|---|---|",
			...results.targets.map(
				(t) => `| ${t.n} | ${t.what} | ${t.measured} | ${t.target} | ${t.met === null ? "–" : t.met ? "yes" : "**no**"} |`,
			),
			"",
		);
	}
	lines.push(
		`| ${HEADER.join(" | ")} |`,
		`|${HEADER.map((_, i) => (i === 1 || (i >= 3 && i <= 5) ? "---:" : "---")).join("|")}|`,
		...rows(results).map((r) => `| ${r.join(" | ")} |`),
		"",
		`| figure | value |`,
		`|---|---:|`,
		`| raw \`crypto.verify\` ES256, one core | ${rawVerify.verifiesPerSecond.toLocaleString("en-US")}/s |`,
		...(results.extra.commit ? [`| SQLite WAL commit of one small write | ${results.extra.commit.microsPerCommit} µs |`] : []),
		...(results.extra.storage
			? [
					`| SQLite work per step, ${results.extra.storage.perCommit} writes per commit (begin / complete / verify) | ${results.extra.storage.beginMicros} / ${results.extra.storage.completeMicros} / ${results.extra.storage.verifyMicros} µs |`,
				]
			: []),
		...(results.extra.cryptoInServer
			? (() => {
					const { signIn, completeOnly } = results.extra.cryptoInServer;
					return [
						`| one \`crypto.verify\` inside the server: whole sign-ins / completes alone (raw: ${round(1e6 / rawVerify.verifiesPerSecond, 1)}) | ${signIn.verifyMicros} / ${completeOnly.verifyMicros} µs |`,
						`| one \`createPublicKey\` inside the server, and imports per check: whole sign-ins / completes alone | ${signIn.importMicros} µs × ${signIn.importsPerVerify} / ${completeOnly.importMicros} µs × ${completeOnly.importsPerVerify} |`,
					];
				})()
			: []),
		`| sign-ins/s ÷ raw verifies/s | ${ratios.signInsPerRawVerify} |`,
		`| completes/s ÷ raw verifies/s | ${ratios.completesPerRawVerify} |`,
		`| server RSS after start / idle before load | ${rssMiB.afterStart} / ${rssMiB.idleBeforeLoad} MiB |`,
		`| server RSS peak under load / idle after | ${rssMiB.peakDuringLoad} / ${rssMiB.idleAfterLoad} MiB |`,
		`| errors | ${results.totalErrors} |`,
	);
	if (extra.reference) {
		const { registration, signIn } = extra.reference;
		const p99 = (p: PhaseReport): string =>
			Object.entries(p.latencyMs)
				.map(([k, l]) => `${k.split("/")[1]} ${l.p99}`)
				.join(", ");
		lines.push(
			"",
			"| same phases | Latchkey | reference (SimpleWebAuthn docs) | ratio |",
			"|---|---:|---:|---:|",
			`| registrations/s | ${fmtN(results.phases.registration?.perSecond ?? 0)} | ${fmtN(registration.perSecond)} | ${((results.phases.registration?.perSecond ?? 0) / registration.perSecond).toFixed(2)}× |`,
			`| whole sign-ins/s | ${fmtN(results.phases.signIn?.perSecond ?? 0)} | ${fmtN(signIn.perSecond)} | ${((results.phases.signIn?.perSecond ?? 0) / signIn.perSecond).toFixed(2)}× |`,
			`| sign-in p99 ms | ${results.phases.signIn ? p99(results.phases.signIn) : ""} | ${p99(signIn)} | |`,
			`| CPU % server / loadgen (sign-in) | ${results.phases.signIn?.serverCpuPercent} / ${results.phases.signIn?.loadGeneratorCpuPercent} | ${signIn.serverCpuPercent} / ${signIn.loadGeneratorCpuPercent} | |`,
			`| peak RSS | ${rssMiB.peakDuringLoad} MiB | ${signIn.peakRssMiB} MiB | |`,
		);
	}
	if (extra.loadCurve) {
		lines.push(
			"",
			"| offered load (% of max sign-ins/s) | offered/s | achieved sign-ins/s | p50 / p99 begin ms | p50 / p99 complete ms | p50 / p99 verify ms | CPU % server / loadgen | longest loadgen stall ms |",
			"|---:|---:|---:|---:|---:|---:|---|---:|",
			...extra.loadCurve.map((p) => {
				const cell = (kind: string): string => `${p.p50[kind] ?? ""} / ${p.p99[kind] ?? ""}`;
				return `| ${p.percent} % | ${fmtN(p.offeredSignInsPerSecond)} | ${fmtN(p.achieved)} | ${cell("signin/begin")} | ${cell("signin/complete")} | ${cell("signin/verify")} | ${p.serverCpuPercent} / ${p.loadGeneratorCpuPercent} | ${p.loadGeneratorStallMs ?? ""} |`;
			}),
		);
	}
	if (extra.flatness) {
		const f = extra.flatness;
		lines.push(
			"",
			`| stored credentials (${fmtN(f.users)} of them sign in) | sign-ins/s | p99 complete ms |`,
			"|---:|---:|---:|",
			`| ${fmtN(f.small.credentials)} | ${fmtN(f.small.signInsPerSecond)} | ${f.small.p99["signin/complete"]?.p99 ?? ""} |`,
			`| ${fmtN(f.large.credentials)} | ${fmtN(f.large.signInsPerSecond)} | ${f.large.p99["signin/complete"]?.p99 ?? ""} |`,
		);
	}
	if (extra.workers) {
		const w = extra.workers;
		lines.push(
			"",
			"| `latchkey serve` | whole sign-ins/s | CPU % servers / loadgen | peak RSS (all processes) |",
			"|---|---:|---|---:|",
			`| \`--workers 1\` | ${fmtN(w.one.signInsPerSecond)} | ${results.phases.signIn?.serverCpuPercent} / ${results.phases.signIn?.loadGeneratorCpuPercent} | ${results.phases.signIn?.peakRssMiB} MiB |`,
			`| \`--workers 2\` | ${fmtN(w.two.signInsPerSecond)} | ${w.two.serverCpuPercent} / ${w.two.loadGeneratorCpuPercent} | ${w.two.peakRssMiB} MiB |`,
		);
	}
	if (extra.startup)
		lines.push(
			"",
			`Start-up on the existing database, spawn → first answer: ${extra.startup.runsMs.join(", ")} ms (median ${extra.startup.medianMs} ms).`,
		);
	if (extra.soak) {
		const k = extra.soak;
		lines.push(
			"",
			`Soak: ${k.seconds} s of whole sign-ins at full load, ${fmtN(k.signInsPerSecond)}/s, ${k.errors} errors; RSS start ${k.rssMiB.start}, end ${k.rssMiB.end}, peak ${k.rssMiB.peak} MiB; mean of the first fifth ${k.rssMiB.firstFifthMean}, of the last fifth ${k.rssMiB.lastFifthMean} MiB.`,
		);
	}
	return lines.join("\n");
}

await main();
