// One autocannon phase against the servers (class Bench), the request steps of registration and whole sign-in, and
// the plain-fetch API the setup uses.
// One autocannon phase against the servers (class Bench), the request steps of registration and whole sign-in, and
// the plain-fetch API the setup uses.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { TestApp, ThrowawayCluster } from "@latchkey/test-support";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, SoftAuthenticator } from "@latchkey/testing";
import autocannon, { type Options, type RequestContext, type Result, type SequenceRequest } from "autocannon";
import { CONNECTIONS, ORIGIN, RP_ID } from "../config.ts";
import { cpuSeconds, databaseCpu, databaseCpuSpent, json, type Latency, round, rssMiB, summarize } from "../process-stats.ts";

export class Api {
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

export interface User {
	userId: string;
	credentialId: string;
}

export interface KindStats {
	requests: number;
	ok: number;
	failed: number;
	latencies: number[];
}

export interface PhaseRun {
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
export interface Step {
	kind: string;
	path: string;
	secret: boolean;
	/** Headers instead of the app's key headers (the Cognito-style API takes AWS JSON 1.1 and no key). */
	headers?: Record<string, string>;
	/** Returns the body (a value to JSON-encode, or a ready JSON string), or null to abandon this sequence (autocannon then starts it again). */
	body(context: RequestContext): unknown;
	/** Called with 2xx responses; return false to count it as failed (wrong content). */
	ok?(body: string, context: RequestContext): unknown;
	/** Called with non-2xx responses. */
	failed?(context: RequestContext): void;
}

/** What a phase drives: a URL and the process behind it. */
export interface Served {
	url: string;
	child: ChildProcess;
}

/** The children of a process (cluster workers), from /proc; none when the kernel does not list them. */
export function childPids(pid: number): number[] {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

export class Bench {
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
				headers: step.headers ?? (step.secret ? this.api.secretHeaders() : this.api.publicHeaders()),
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
export function report(run: PhaseRun, operation: string, operations: number) {
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

export type PhaseReport = ReturnType<typeof report>;

export function errorCount(phase: PhaseReport): number {
	const e = phase.errors;
	return e.failedResponses + e.non2xx + e.socketErrors + e.timeouts + e.abandonedSequences;
}

/** /register/token + /register/begin + /register/complete, a new user each time (`<prefix>-<n>`). */
export function registrationSteps(authenticator: SoftAuthenticator, registered: User[], prefix: string): Step[] {
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
export function signInSteps(authenticator: SoftAuthenticator, users: User[], done: { count: number }): Step[] {
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
export async function signInPhase(
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
export async function registrationPhase(
	bench: Bench,
	authenticator: SoftAuthenticator,
	prefix: string,
	limits: Pick<Options, "duration" | "amount">,
): Promise<{ report: PhaseReport; registered: User[] }> {
	const registered: User[] = [];
	const run = await bench.phase("registration", registrationSteps(authenticator, registered, prefix), limits);
	return { report: report(run, "registrations", registered.length), registered };
}
