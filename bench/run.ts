// Latchkey benchmark: real `latchkey serve` processes, driven with autocannon from this process.
// Usage: npm run bench   (env BENCH_SECONDS per phase, default 20; BENCH_CONNECTIONS, default 10;
//        BENCH_DATABASE=sqlite|postgres, default sqlite; BENCH_NODES=1|2 with postgres, default 1)
// See bench/README.md for what each figure means.
import { generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
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
const RESULTS = new URL(DATABASE === "sqlite" ? "./results/latest.json" : `./results/latest-postgres-${NODES}node.json`, import.meta.url);
/** BENCH_PROFILE=1: the server writes a V8 CPU profile to bench/results/profile/ when it exits (it costs the server a little CPU). */
const PROFILE = process.env.BENCH_PROFILE === "1" ? fileURLToPath(new URL("./results/profile/", import.meta.url)) : null;

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

class Bench {
	#peakRss = 0;
	#sampler: NodeJS.Timeout | null = null;

	constructor(
		readonly servers: ServerProcess[],
		readonly api: Api,
		readonly cluster: ThrowawayCluster | null,
	) {}

	get pids(): number[] {
		return this.servers.map((server) => {
			const pid = server.child.pid;
			if (pid === undefined) throw new Error("a server has no pid");
			return pid;
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

	async phase(name: string, steps: Step[], limits: Pick<Options, "duration" | "amount">): Promise<PhaseRun> {
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

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
	const machine = {
		nproc: cpus().length,
		cpuModel: cpuModel(),
		memoryGiB: round(totalmem() / 2 ** 30, 1),
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
	};
	console.log(
		`Latchkey bench: ${SECONDS} s per phase, ${CONNECTIONS} connections, ${DATABASE}, ${NODES} node(s); ${machine.nproc} × ${machine.cpuModel}, node ${machine.node}`,
	);

	console.log(
		`\n[1/6] raw crypto.verify ES256 for ${VERIFY_SECONDS} s, then WebCrypto for ${VERIFY_SECONDS} s (before the server starts)…`,
	);
	const rawVerify = measureRawVerify(VERIFY_SECONDS);
	console.log(`      ${rawVerify.verifiesPerSecond.toLocaleString("en-US")} verifies/s on one core`);
	const webCryptoVerify = await measureWebCryptoVerify(VERIFY_SECONDS);
	console.log(
		`      ${webCryptoVerify.verifiesPerSecond.toLocaleString("en-US")} WebCrypto importKey + verify/s, one after another (the server's path)`,
	);

	// LATCHKEY_LOG_LEVEL=info, not warn: startServer() learns the URL from the "latchkey listening" line, which is an
	// info line. The server disables per-request logging, so info logs nothing under load either.
	const env: Record<string, string> = { LATCHKEY_LOG_LEVEL: "info" };
	if (PROFILE) {
		env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import ${new URL("./cpu-profile.mjs", import.meta.url).href}`.trim();
		env.BENCH_PROFILE_DIR = PROFILE;
	}
	// PostgreSQL with its durable defaults (fsync, synchronous_commit on): nothing acknowledged may be lost.
	const cluster = DATABASE === "postgres" ? await startThrowawayCluster({ durable: true }) : null;
	const databaseUrl = cluster ? await cluster.createDatabase("latchkey_bench") : undefined;
	const servers = await Promise.all(Array.from({ length: NODES }, () => startServer({ env, ...(databaseUrl ? { databaseUrl } : {}) })));
	const server = servers[0] as ServerProcess;
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

		console.log(`\n[2/6] setup: smoke test and ${CONNECTIONS * 2} synced-passkey users (plain fetch, not measured)…`);
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

		// ---- registration: /register/token + /register/begin + /register/complete, a new user each time
		console.log(`\n[3/6] registration for ${SECONDS} s…`);
		const registered: User[] = [];
		let nextUser = 0;
		const registration = await bench.phase(
			"registration",
			[
				{
					kind: "register/token",
					path: "/register/token",
					secret: true,
					body: (context) => {
						const userId = `user-${nextUser++}`;
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
			],
			{ duration: SECONDS },
		);
		const registrationReport = report(registration, "registrations", registered.length);
		console.log(`      ${registrationReport.perSecond} registrations/s`);
		if (registered.length < CONNECTIONS * 2) throw new Error(`only ${registered.length} registrations succeeded; need ${CONNECTIONS * 2}`);

		// ---- whole sign-in: begin + complete + verify. Each sign-in checks a user out of a FIFO pool at begin and puts it
		// back when complete answers, so no two sign-ins in flight share a credential and counters never race.
		console.log(`\n[4/6] whole sign-in (begin + complete + verify) for ${SECONDS} s…`);
		const pool: User[] = [...registered];
		const release = (context: RequestContext): void => {
			const user = context.user as User | undefined;
			if (user) pool.push(user);
			context.user = undefined;
		};
		let signIns = 0;
		const signIn = await bench.phase(
			"sign-in",
			[
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
						signIns++;
					},
				},
			],
			{ duration: SECONDS },
		);
		const signInReport = report(signIn, "sign-ins", signIns);
		console.log(`      ${signInReport.perSecond} sign-ins/s`);

		// ---- preparation of the complete-only phase: begins (measured too, as a by-product), then assertions signed here.
		// Enough sessions for about SECONDS of completes at twice the whole-sign-in rate; the phase runs until they are used.
		const wanted = Math.min(500_000, Math.max(CONNECTIONS * 20, Math.ceil(2 * signInReport.perSecond * SECONDS)));
		console.log(`\n[5/6] preparing ${wanted.toLocaleString("en-US")} sign-in sessions (/signin/begin alone) and their assertions…`);
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

		// ---- /signin/complete alone, with the sessions and assertions made beforehand.
		console.log(`\n[6/6] /signin/complete alone (${prepared.length.toLocaleString("en-US")} prepared sessions)…`);
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

		bench.stopSampling();
		await sleep(1000);
		const rssAfter = bench.rss();
		const peakRss = Math.max(registration.peakRssMiB, signIn.peakRssMiB, begins.peakRssMiB, completes.peakRssMiB);

		const phases = { registration: registrationReport, signIn: signInReport, beginOnly: beginReport, completeOnly: completeReport };
		const totalErrors = Object.values(phases).reduce((sum, p) => sum + errorCount(p), 0);
		const results = {
			date: new Date().toISOString(),
			machine,
			config: {
				database: DATABASE,
				nodes: NODES,
				secondsPerPhase: SECONDS,
				connections: CONNECTIONS,
				verifySeconds: VERIFY_SECONDS,
				algorithm: "ES256",
				attestation: "none",
			},
			rawVerify,
			webCryptoVerify,
			phases,
			assertionSigning: { count: prepared.length, perSecond: round(prepared.length / signSeconds) },
			rssMiB: {
				afterStart: round(rssStarted, 1),
				idleBeforeLoad: round(rssIdle, 1),
				peakDuringLoad: round(peakRss, 1),
				idleAfterLoad: round(rssAfter, 1),
			},
			ratios: {
				signInsPerRawVerify: round(signInReport.perSecond / rawVerify.verifiesPerSecond, 4),
				completesPerRawVerify: round(completeReport.perSecond / rawVerify.verifiesPerSecond, 4),
			},
			totalErrors,
		};
		mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
		writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
		const resultsName = fileURLToPath(RESULTS).split("/bench/")[1] ?? "";
		printTable(results);
		console.log(`\nJSON written to bench/${resultsName}${PROFILE ? "; the server's CPU profile goes to bench/results/profile/" : ""}\n`);
		console.log(markdown(results));
		if (totalErrors > 0) {
			console.error(`\n${totalErrors} errors: the figures are not trustworthy. First failures:`);
			for (const p of Object.values(phases)) for (const f of p.errors.firstFailures) console.error(`  ${f}`);
			process.exitCode = 1;
		}
	} finally {
		for (const s of servers) {
			await s.stop();
			s.cleanup();
		}
		await cluster?.destroy();
	}
	if (PROFILE) {
		const file = join(PROFILE, `server-${server.child.pid}.cpuprofile`);
		console.log(`\nCPU profile: ${file}\n${summarizeProfile(file)}`);
	}
}

// ---------------------------------------------------------------- output

type Results = {
	machine: { nproc: number; cpuModel: string; node: string };
	config: { secondsPerPhase: number; connections: number; database: string; nodes: number };
	rawVerify: { verifiesPerSecond: number };
	phases: Record<string, PhaseReport>;
	rssMiB: { afterStart: number; idleBeforeLoad: number; peakDuringLoad: number; idleAfterLoad: number };
	ratios: { signInsPerRawVerify: number; completesPerRawVerify: number };
	totalErrors: number;
};

function rows(results: Results): string[][] {
	const out: string[][] = [];
	for (const phase of Object.values(results.phases)) {
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
	const { machine, config, rawVerify, rssMiB, ratios } = results;
	const lines = [
		`Machine: ${machine.nproc} × ${machine.cpuModel}, node ${machine.node}; ${config.database}, ${config.nodes} node(s); ${config.secondsPerPhase} s per phase, ${config.connections} connections; load generator on the same machine.`,
		"",
		`| ${HEADER.join(" | ")} |`,
		`|${HEADER.map((_, i) => (i === 1 || (i >= 3 && i <= 5) ? "---:" : "---")).join("|")}|`,
		...rows(results).map((r) => `| ${r.join(" | ")} |`),
		"",
		`| figure | value |`,
		`|---|---:|`,
		`| raw \`crypto.verify\` ES256, one core | ${rawVerify.verifiesPerSecond.toLocaleString("en-US")}/s |`,
		`| sign-ins/s ÷ raw verifies/s | ${ratios.signInsPerRawVerify} |`,
		`| completes/s ÷ raw verifies/s | ${ratios.completesPerRawVerify} |`,
		`| server RSS idle before load | ${rssMiB.idleBeforeLoad} MiB |`,
		`| server RSS peak under load | ${rssMiB.peakDuringLoad} MiB |`,
		`| errors | ${results.totalErrors} |`,
	];
	return lines.join("\n");
}

await main();
