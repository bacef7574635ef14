// Open-loop load at a set rate: whole sign-ins started on a fixed schedule (every 2 ms, as many as are due), each
// running begin → sign → complete → verify over keep-alive connections, whatever the answers' pace. This is what
// "p99 at half of the maximum load" needs: autocannon's overallRate lets every connection send its whole per-second
// quota at the start of each second and then wait, so its "half load" is full load half of the time.
import { Agent, request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { PublicKeyCredentialRequestOptionsJSON, SoftAuthenticator } from "@latchkey/testing";

/** A user whose passkey the authenticator holds. */
export interface PacedUser {
	userId: string;
	credentialId: string;
}

/** What a paced run measured. */
export interface PacedResult {
	started: number;
	completed: number;
	perSecond: number;
	latencies: Record<string, number[]>;
	errors: number;
	firstFailures: string[];
	/** The load generator's own longest event-loop stall in the run (ms): time its answers waited on it, not the server. */
	loadGeneratorStallMs: number;
}

/** Connections the load generator opens before it measures: more than a step ever has in flight. */
export const WARM_CONNECTIONS = 64;

/**
 * A keep-alive connection pool to the server with `connections` connections already open, so that a step measures
 * requests, not TCP set-up: a pool that starts empty opens connections whenever a pause leaves more requests in flight
 * than it has (41 of them in one 10 s step at half load, at 3–16 ms each), mid-measurement.
 * @param url - the server
 * @param connections - how many to open (in parallel, each with a `GET /health/http`)
 */
export async function warmAgent(url: string, connections = WARM_CONNECTIONS): Promise<Agent> {
	const agent = new Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
	const target = new URL(url);
	await Promise.all(
		Array.from(
			{ length: connections },
			() =>
				new Promise<void>((resolve, reject) => {
					const req = request({ agent, host: target.hostname, port: target.port, method: "GET", path: "/health/http" }, (res) => {
						res.resume();
						res.on("end", () => ((res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`/health/http ${res.statusCode}`))));
					});
					req.on("error", reject);
					req.end();
				}),
		),
	);
	return agent;
}

/**
 * Runs whole sign-ins at `perSecond` for `seconds`.
 * @param input - where, which keys, who signs in (each user is used by one sign-in at a time), how fast, and the
 *   connection pool to use (see {@link warmAgent}; one of its own, started empty, when not given)
 */
export async function pacedSignIns(input: {
	agent?: Agent;
	url: string;
	keys: { apiKey: string; apiSecret: string };
	authenticator: SoftAuthenticator;
	users: PacedUser[];
	perSecond: number;
	seconds: number;
	rpId: string;
	origin: string;
}): Promise<PacedResult> {
	const agent = input.agent ?? new Agent({ keepAlive: true, maxSockets: 512 });
	const target = new URL(input.url);
	const latencies: Record<string, number[]> = { "signin/begin": [], "signin/complete": [], "signin/verify": [] };
	const failures: string[] = [];
	let errors = 0;
	const post = (path: string, secret: boolean, body: unknown): Promise<string> =>
		new Promise((resolve, reject) => {
			const payload = JSON.stringify(body);
			const sent = performance.now();
			const req = request(
				{
					agent,
					host: target.hostname,
					port: target.port,
					method: "POST",
					path,
					headers: {
						"content-type": "application/json",
						"content-length": Buffer.byteLength(payload),
						...(secret ? { ApiSecret: input.keys.apiSecret } : { ApiKey: input.keys.apiKey }),
					},
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on("data", (chunk: Buffer) => chunks.push(chunk));
					res.on("end", () => {
						const text = Buffer.concat(chunks).toString();
						latencies[path.slice(1)]?.push(performance.now() - sent);
						if ((res.statusCode ?? 0) >= 300) reject(new Error(`${path} ${res.statusCode} ${text.slice(0, 200)}`));
						else resolve(text);
					});
				},
			);
			req.on("error", reject);
			req.end(payload);
		});
	const pool = [...input.users];
	let started = 0;
	let completed = 0;
	const inFlight = new Set<Promise<void>>();
	const one = async (): Promise<void> => {
		const user = pool.shift();
		if (!user) {
			errors++;
			if (failures.length < 5) failures.push("the user pool ran dry");
			return;
		}
		try {
			const begin = JSON.parse(await post("/signin/begin", false, { userId: user.userId, RPID: input.rpId, Origin: input.origin })) as {
				data: PublicKeyCredentialRequestOptionsJSON;
				session: string;
			};
			const response = input.authenticator.getAssertion(begin.data, { origin: input.origin, credentialId: user.credentialId });
			const { token } = JSON.parse(
				await post("/signin/complete", false, { session: begin.session, response, RPID: input.rpId, Origin: input.origin }),
			) as { token: string };
			pool.push(user);
			const verified = JSON.parse(await post("/signin/verify", true, { token })) as { userId: string };
			if (verified.userId !== user.userId) throw new Error(`verify named ${verified.userId}`);
			completed++;
		} catch (error) {
			errors++;
			if (failures.length < 5) failures.push(error instanceof Error ? error.message : String(error));
			if (!pool.includes(user)) pool.push(user);
		}
	};
	const stalls = monitorEventLoopDelay({ resolution: 1 });
	stalls.enable();
	const t0 = performance.now();
	const end = t0 + input.seconds * 1000;
	await new Promise<void>((resolve) => {
		const tick = (): void => {
			const now = performance.now();
			const due = Math.floor(((Math.min(now, end) - t0) / 1000) * input.perSecond);
			while (started < due) {
				started++;
				const running = one().finally(() => inFlight.delete(running));
				inFlight.add(running);
			}
			if (now >= end) resolve();
			else setTimeout(tick, 2);
		};
		tick();
	});
	await Promise.all(inFlight);
	const seconds = (performance.now() - t0) / 1000;
	if (!input.agent) agent.destroy();
	stalls.disable();
	const loadGeneratorStallMs = Math.round(stalls.max / 1e5) / 10;
	return { started, completed, perSecond: completed / seconds, latencies, errors, firstFailures: failures, loadGeneratorStallMs };
}
