// Latchkey benchmark: real `latchkey serve` processes, driven with autocannon from this process.
// Usage: npm run bench   (its BENCH_* settings are read in config.ts; their table and what each figure means:
// bench/README.md). This file runs the sections in order (main); the parts are in load/, micro/, reference/ and report/.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { type ServerProcess, startServer, startThrowawayCluster } from "@latchkey/test-support";
import { CoseAlgorithm, type PublicKeyCredentialRequestOptionsJSON, SoftAuthenticator } from "@latchkey/testing";
import {
	CONNECTIONS,
	CURVE_MAX,
	DATABASE,
	LOAD_SECONDS,
	LOAD_STEPS,
	NODES,
	ONLY,
	ORIGIN,
	PROFILE,
	QUICK,
	RESULTS,
	RP_ID,
	SECONDS,
	SOAK_SECONDS,
	VERIFY_SECONDS,
} from "./config.ts";
import { measureCognitoPath } from "./load/cognito-path.ts";
import { loadCurve } from "./load/curve.ts";
import { measureStartup } from "./load/measure-startup.ts";
import { Api, Bench, errorCount, type PhaseReport, registrationPhase, report, signInPhase, type User } from "./load/phases.ts";
import { measureFlatness, measureFloor, measureReference, measureWorkers } from "./load/sections.ts";
import { CRYPTO_TIMING, freshLatchkey, serverEnv, stopServer } from "./load/servers.ts";
import { measureCommit, measureRawVerify, measureWebCryptoVerify } from "./micro/baselines.ts";
import { type CryptoInServer, cryptoInServer } from "./micro/crypto-in-server.ts";
import { measureStorage } from "./micro/measure-storage.ts";
import { summarizeProfile } from "./micro/summarize-profile.ts";
import { cpuModel, round } from "./process-stats.ts";
import { renderChart } from "./report/chart.ts";
import { markdown, printTable } from "./report/report.ts";
import type { Extra } from "./report/results.ts";
import { buildResults, chartData } from "./report/targets.ts";

async function main(): Promise<void> {
	if (ONLY === "workers") {
		const { two } = await measureWorkers(0);
		console.log(JSON.stringify({ ...two, latencyMs: undefined }));
		return;
	}
	if (ONLY === "curve") {
		const { server, bench } = await freshLatchkey(["--workers", "1"]);
		try {
			await loadCurve(bench, CURVE_MAX);
		} finally {
			await stopServer(server);
		}
		return;
	}
	if (ONLY === "cognito") {
		await measureCognitoPath();
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
			extra.cognitoPath = await measureCognitoPath();
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

await main();
