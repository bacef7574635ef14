// Small helpers of the benchmark: latency summaries, rounding, and a process's CPU and RSS from /proc.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

export interface Latency {
	count: number;
	p50: number;
	p99: number;
	mean: number;
	max: number;
}

export function summarize(values: number[]): Latency {
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

export function round(value: number, digits = 0): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

export function cpuModel(): string {
	const line = readFileSync("/proc/cpuinfo", "utf8")
		.split("\n")
		.find((l) => l.startsWith("model name"));
	return line?.split(":")[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
}

/** VmRSS of a process in MiB, or NaN once it is gone. */
export function rssMiB(pid: number): number {
	try {
		const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
		return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
	} catch {
		return Number.NaN;
	}
}

/** user+system CPU seconds a process has used (from /proc/<pid>/stat; clock ticks are 1/100 s on Linux); 0 once gone. */
export function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return 0;
	}
}

/** CPU seconds used so far by a PostgreSQL postmaster and each of its children (backends, WAL writer, …), by pid. */
export function databaseCpu(postmaster: number | null): Map<number, number> {
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
export function databaseCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
	let spent = 0;
	for (const [pid, seconds] of after) spent += seconds - (before.get(pid) ?? 0);
	return spent;
}

export async function json<T>(response: Response, what: string): Promise<T> {
	const text = await response.text();
	if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 500)}`);
	return JSON.parse(text) as T;
}
