// The issue's nine targets, computed from the results; the results record itself (buildResults) and the chart's data.
import { CONNECTIONS, DATABASE, LOAD_SECONDS, NODES, SECONDS, SOAK_SECONDS, VERIFY_SECONDS } from "../config.ts";
import { errorCount, type PhaseReport } from "../load/phases.ts";
import type { CryptoInServer } from "../micro/crypto-in-server.ts";
import { round } from "../process-stats.ts";
import type { ChartData } from "./chart.ts";
import type { Extra, Results, Target } from "./results.ts";

export function targets(r: Omit<Results, "targets">): Target[] {
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

export const fmtN = (n: number): string => Math.round(n).toLocaleString("en-US");

export function buildResults(input: {
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
export function chartData(results: Results): ChartData {
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
