import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runSoak } from "./soak.ts";

describe("soak (short CI version of bench/load/soak.ts)", () => {
	it("runs mixed load with zero unexpected errors, stable memory and no lost credential", async () => {
		const report = await runSoak({ seconds: Number(process.env.SOAK_SECONDS ?? 15), rate: Number(process.env.SOAK_RATE ?? 150) });
		const total = Object.values(report.operations).reduce((a, b) => a + b, 0);
		console.log(
			`# soak: ${total} operations ${JSON.stringify(report.operations)}, RSS ${report.rssStartMiB} → ${report.rssEndMiB} MiB (peak ${report.rssPeakMiB}), ${report.acknowledged} live credentials`,
		);
		assert.deepEqual(report.unexpected, []);
		assert.deepEqual(report.missing, []);
		assert.ok(
			report.operations.signin > 100 && report.operations.register > 20 && report.operations.list > 10 && report.operations.delete > 5,
			JSON.stringify(report.operations),
		);
		assert.ok(report.rssEndMiB < report.rssStartMiB + 60, `RSS grew from ${report.rssStartMiB} to ${report.rssEndMiB} MiB`);
	});
});
