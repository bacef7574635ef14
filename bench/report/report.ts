// The benchmark's output: the printed table and the markdown of bench/results/latest.md.
import { DATABASE, NODES } from "../config.ts";
import { errorCount, type PhaseReport } from "../load/phases.ts";
import { round } from "../process-stats.ts";
import type { Results } from "./results.ts";
import { fmtN } from "./targets.ts";

export function rows(results: Results): string[][] {
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

export const HEADER = [
	"figure",
	"value",
	"request",
	"p50 ms",
	"p99 ms",
	"errors",
	DATABASE === "postgres" ? `CPU % ${NODES > 1 ? `${NODES} servers` : "server"} / loadgen / PostgreSQL` : "CPU % server / loadgen",
];

export function printTable(results: Results): void {
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

export function markdown(results: Results): string {
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
	if (extra.cognitoPath) {
		const { cognito, passwordless } = extra.cognitoPath;
		const p99 = (p: PhaseReport): string =>
			Object.entries(p.latencyMs)
				.map(([k, l]) => `${k.split("/")[1]} ${l.p99}`)
				.join(", ");
		lines.push(
			"",
			"| one server, one pool | Cognito-style API (InitiateAuth + RespondToAuthChallenge + offline ID-token check) | Passwordless.dev API (begin + complete + /signin/verify) |",
			"|---|---:|---:|",
			`| whole sign-ins/s | ${fmtN(cognito.perSecond)} | ${fmtN(passwordless.perSecond)} |`,
			`| server CPU per sign-in | ${cognito.serverCpuMsPerSignIn} ms | ${passwordless.serverCpuMsPerSignIn} ms |`,
			`| p99 ms | ${p99(cognito)} | ${p99(passwordless)} |`,
			`| CPU % server / loadgen | ${cognito.serverCpuPercent} / ${cognito.loadGeneratorCpuPercent} | ${passwordless.serverCpuPercent} / ${passwordless.loadGeneratorCpuPercent} |`,
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
