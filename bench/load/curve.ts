// Section 4b, the load curve: open-loop whole sign-ins from a load generator in a process of its own (paced-child.ts).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CURVE_USERS, LOAD_SECONDS, LOAD_STEPS, ORIGIN, RP_ID } from "../config.ts";
import { cpuSeconds, round, summarize } from "../process-stats.ts";
import type { FromChild, ToChild } from "./paced-child.ts";
import type { Bench } from "./phases.ts";

/** Starts bench/load/paced-child.ts and has it register `users` users of its own on the server under test. */
export async function startCurveGenerator(
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
 * generator in a fresh process (bench/load/paced-child.ts) with 2,000 users of its own.
 */
export async function loadCurve(bench: Bench, maxSignIns: number): Promise<CurvePoint[]> {
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

export interface CurvePoint {
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
