// Summarizes a V8 .cpuprofile (BENCH_PROFILE=1): where the server's main thread spent its samples, by package and
// by function (self time). Function names are as V8 saw them: `put`/`take`/`listByUser` of different stores merge.
import { readFileSync } from "node:fs";

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** node_modules package, node built-in module, or the folder of the repo's own source. */
function packageOf(frame: ProfileNode["callFrame"]): string {
	const { url, functionName } = frame;
	if (!url) return functionName || "(native)";
	const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (dependency?.[1]) return dependency[1];
	if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
	const own = url.split("/packages/")[1];
	if (own) return own.split("/").slice(0, 3).join("/");
	return url;
}

function top(totals: Map<string, number>, all: number, count: number): string[] {
	return [...totals]
		.sort((a, b) => b[1] - a[1])
		.slice(0, count)
		.map(([name, time]) => `${((100 * time) / all).toFixed(1).padStart(5)}%  ${name}`);
}

/**
 * @param path - a .cpuprofile file
 * @returns a few lines of text: the top packages and functions by self time
 */
export function summarizeProfile(path: string): string {
	const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map<number, number>();
	for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
	const byPackage = new Map<string, number>();
	const byFunction = new Map<string, number>();
	let all = 0;
	for (const [id, time] of self) {
		const frame = nodes.get(id)?.callFrame;
		if (!frame) continue;
		all += time;
		const pkg = packageOf(frame);
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
		const name = `${frame.functionName || "(anonymous)"}  ${frame.url ? pkg : ""}`.trim();
		byFunction.set(name, (byFunction.get(name) ?? 0) + time);
	}
	return [
		`server main thread, ${(all / 1e6).toFixed(1)} s sampled (whole run, setup included); self time:`,
		"by package:",
		...top(byPackage, all, 12),
		"by function:",
		...top(byFunction, all, 15),
	].join("\n");
}
