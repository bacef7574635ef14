// Draws the benchmark's figures as an SVG (throughput bars; p99 vs load) and screenshots it to a PNG with
// playwright-core and the system Chromium, so people can look instead of read.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What the chart shows. */
export interface ChartData {
	title: string;
	subtitle: string;
	/** Bars: label, value (operations/s), and a colour key. */
	bars: { label: string; value: number; kind: "ours" | "reference" | "ceiling" }[];
	/** Vertical marks on the bar chart (e.g. 25 % of the raw verify rate). */
	marks: { label: string; value: number }[];
	/** Load curve: offered load (% of the measured maximum) → achieved sign-ins/s and p99 per request type. */
	curve: { percent: number; achieved: number; p99: Record<string, number> }[];
	/** The p99 target line, ms. */
	p99TargetMs: number;
}

const COLOURS = { ours: "#2563eb", reference: "#f97316", ceiling: "#9ca3af" };
const LINE_COLOURS = ["#2563eb", "#16a34a", "#9333ea", "#dc2626"];

const esc = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

function barsSvg(data: ChartData, x0: number, y0: number, width: number): string {
	const labelWidth = 300;
	const barHeight = 26;
	const gap = 10;
	const max = Math.max(...data.bars.map((b) => b.value), ...data.marks.map((m) => m.value)) * 1.08;
	const scale = (v: number): number => ((width - labelWidth - 20) * v) / max;
	const height = data.bars.length * (barHeight + gap);
	const parts: string[] = [`<text x="${x0}" y="${y0 - 14}" class="h">Throughput (operations/s, higher is better)</text>`];
	data.bars.forEach((bar, i) => {
		const y = y0 + i * (barHeight + gap);
		parts.push(
			`<text x="${x0 + labelWidth - 8}" y="${y + 18}" text-anchor="end">${esc(bar.label)}</text>`,
			`<rect x="${x0 + labelWidth}" y="${y}" width="${scale(bar.value).toFixed(1)}" height="${barHeight}" fill="${COLOURS[bar.kind]}" rx="3"/>`,
			`<text x="${x0 + labelWidth + scale(bar.value) + 6}" y="${y + 18}" class="v">${fmt(bar.value)}</text>`,
		);
	});
	for (const mark of data.marks) {
		const x = x0 + labelWidth + scale(mark.value);
		parts.push(
			`<line x1="${x}" y1="${y0 - 4}" x2="${x}" y2="${y0 + height}" stroke="#111" stroke-dasharray="4 3"/>`,
			`<text x="${x + 4}" y="${y0 + height + 14}" class="s">${esc(mark.label)}</text>`,
		);
	}
	return parts.join("\n");
}

function curveSvg(data: ChartData, x0: number, y0: number, width: number, height: number): string {
	const kinds = [...new Set(data.curve.flatMap((c) => Object.keys(c.p99)))];
	const maxP99 = Math.max(data.p99TargetMs * 1.5, ...data.curve.flatMap((c) => Object.values(c.p99))) * 1.1;
	const maxAchieved = Math.max(1, ...data.curve.map((c) => c.achieved)) * 1.15;
	const px = (percent: number): number => x0 + (width * percent) / 110;
	const py = (ms: number): number => y0 + height - (height * ms) / maxP99;
	const pa = (v: number): number => y0 + height - (height * v) / maxAchieved;
	const parts: string[] = [
		`<text x="${x0}" y="${y0 - 14}" class="h">p99 latency (ms, left) and sign-ins/s achieved (grey, right) vs offered load</text>`,
		`<rect x="${x0}" y="${y0}" width="${width}" height="${height}" fill="none" stroke="#d1d5db"/>`,
	];
	for (let i = 0; i <= 4; i++) {
		const ms = (maxP99 * i) / 4;
		parts.push(
			`<line x1="${x0}" x2="${x0 + width}" y1="${py(ms)}" y2="${py(ms)}" stroke="#f3f4f6"/>`,
			`<text x="${x0 - 6}" y="${py(ms) + 4}" text-anchor="end" class="s">${ms.toFixed(1)}</text>`,
			`<text x="${x0 + width + 6}" y="${pa((maxAchieved * i) / 4) + 4}" class="s">${fmt((maxAchieved * i) / 4)}</text>`,
		);
	}
	for (const c of data.curve) {
		parts.push(`<text x="${px(c.percent)}" y="${y0 + height + 16}" text-anchor="middle" class="s">${c.percent}%</text>`);
	}
	parts.push(
		`<line x1="${x0}" x2="${x0 + width}" y1="${py(data.p99TargetMs)}" y2="${py(data.p99TargetMs)}" stroke="#dc2626" stroke-dasharray="6 4"/>`,
		`<text x="${x0 + 6}" y="${py(data.p99TargetMs) - 5}" class="s" fill="#dc2626">target p99 ${data.p99TargetMs} ms (at 50%)</text>`,
	);
	const achieved = data.curve.map((c) => `${px(c.percent)},${pa(c.achieved)}`).join(" ");
	parts.push(`<polyline points="${achieved}" fill="none" stroke="#9ca3af" stroke-width="3"/>`);
	kinds.forEach((kind, i) => {
		const colour = LINE_COLOURS[i % LINE_COLOURS.length];
		const points = data.curve.filter((c) => c.p99[kind] !== undefined).map((c) => `${px(c.percent)},${py(c.p99[kind] ?? 0)}`);
		parts.push(`<polyline points="${points.join(" ")}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
		for (const p of points) {
			const [x, y] = p.split(",");
			parts.push(`<circle cx="${x}" cy="${y}" r="3.5" fill="${colour}"/>`);
		}
		parts.push(
			`<rect x="${x0 + width - 190}" y="${y0 + 10 + i * 18}" width="12" height="12" fill="${colour}"/>`,
			`<text x="${x0 + width - 172}" y="${y0 + 20 + i * 18}" class="s">p99 ${esc(kind)}</text>`,
		);
	});
	parts.push(
		`<text x="${x0 + width / 2}" y="${y0 + height + 34}" text-anchor="middle" class="s">offered load, % of the measured maximum whole-sign-in rate</text>`,
	);
	return parts.join("\n");
}

/** The chart as a standalone SVG document. */
export function chartSvg(data: ChartData): string {
	const width = 1000;
	const barsTop = 100;
	const barsHeight = data.bars.length * 36 + 30;
	const curveTop = barsTop + barsHeight + 60;
	const height = curveTop + 260 + 60;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">
<style>.h{font-size:15px;font-weight:bold}.v{font-weight:bold}.s{font-size:11px;fill:#374151}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="24" y="34" font-size="20" font-weight="bold">${esc(data.title)}</text>
<text x="24" y="58" class="s">${esc(data.subtitle)}</text>
${barsSvg(data, 24, barsTop, width - 60)}
${curveSvg(data, 70, curveTop, width - 160, 260)}
</svg>`;
}

/**
 * Writes the SVG and, when playwright-core and Chromium are available, a PNG screenshot of it.
 * @returns the PNG path, or null (with the reason on stderr) when it could not be rendered
 */
export async function renderChart(
	data: ChartData,
	paths: { svg: string; png: string },
	chromium = "/usr/bin/chromium",
): Promise<string | null> {
	const svg = chartSvg(data);
	writeFileSync(paths.svg, svg);
	const profile = mkdtempSync(join(tmpdir(), "latchkey-chart-"));
	try {
		const { chromium: launcher } = await import("playwright-core");
		const context = await launcher.launchPersistentContext(profile, {
			executablePath: chromium,
			headless: true,
			args: [
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
			],
			viewport: { width: 1000, height: 600 },
		});
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
			await page.locator("svg").screenshot({ path: paths.png });
		} finally {
			await context.close();
		}
		return paths.png;
	} catch (error) {
		console.error(`      chart PNG not rendered: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
		return null;
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
}
