// Sections 6b and 9–11: the floor, flat with size, `--workers 2`, and the reference server.
import { CoseAlgorithm, SoftAuthenticator } from "@latchkey/testing";
import { FLAT_LARGE, FLAT_SMALL, FLAT_USERS, SECONDS } from "../config.ts";
import type { Latency } from "../process-stats.ts";
import { round } from "../process-stats.ts";
import { startFloor, startReference } from "../reference/reference-process.ts";
import { Api, Bench, errorCount, type PhaseReport, registrationPhase, report, signInPhase } from "./phases.ts";
import { seedCredentials } from "./seed-credentials.ts";
import { freshLatchkey, stopServer } from "./servers.ts";

/** Section 9's result: whole sign-ins among few and among many stored credentials. */
export interface Flatness {
	users: number;
	small: { credentials: number; signInsPerSecond: number; p99: Record<string, Latency>; errors: number };
	large: { credentials: number; signInsPerSecond: number; p99: Record<string, Latency>; errors: number; seedSeconds: number };
	ratio: number;
}

/** Section 10's result: whole sign-ins against `--workers 2`, next to `--workers 1`'s rate. */
export interface Workers {
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
}

/** Section 11's result: the reference server's registration and whole-sign-in phases. */
export interface ReferenceRun {
	registration: PhaseReport;
	signIn: PhaseReport;
}

/** Target 5: whole sign-in with FLAT_USERS real users among 10,000 and then 1,000,000 stored credentials. */
export async function measureFlatness(): Promise<Flatness> {
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
export async function measureWorkers(oneWorker: number): Promise<Workers> {
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
export async function measureFloor(bodies: string[]): Promise<PhaseReport> {
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

export async function measureReference(): Promise<ReferenceRun> {
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
