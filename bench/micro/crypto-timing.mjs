// Preloaded into the benchmark's server (NODE_OPTIONS=--import): measures the `crypto.verify` (signature check) and
// `crypto.createPublicKey` (key import) calls the server makes, in one-second buckets, and writes them to
// $BENCH_CRYPTO_TIMING when the process exits. run.ts cuts the buckets by phase: what the check and the import cost
// inside the server, between requests, as against the raw loop of phase 1.
//
// Every 8th call is measured, by the clock, and kept only if the main thread was not switched out meanwhile (the
// count of times it was scheduled in, in its /proc schedstat, did not move): otherwise the time would include waiting
// for a core the load generator was using. (The run-time field of schedstat only moves with the scheduler's ticks.)
import { closeSync, openSync, readSync, writeFileSync } from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";

const file = process.env.BENCH_CRYPTO_TIMING;
const SAMPLE_EVERY = 8;
if (file) {
	const crypto = createRequire(import.meta.url)("node:crypto");
	const schedstat = openSync(`/proc/self/task/${process.pid}/schedstat`, "r");
	const buffer = Buffer.alloc(128);
	/** How many times the main thread has been scheduled in (the third field of schedstat). */
	const switchesIn = () => {
		const n = readSync(schedstat, buffer, 0, buffer.length, 0);
		return buffer.toString("latin1", 0, n).split(" ")[2];
	};
	/** second (Unix time) → [checks measured, their µs, imports measured, their µs] */
	const buckets = new Map();
	const timed = (original, slot) => {
		let calls = 0;
		return function (...args) {
			if (++calls % SAMPLE_EVERY !== 0) return original.apply(this, args);
			const switches = switchesIn();
			const started = performance.now();
			const result = original.apply(this, args); // a call that throws is not measured
			const micros = (performance.now() - started) * 1000;
			// Switched out meanwhile: the time is not CPU time alone.
			if (switchesIn() === switches) {
				const second = Math.floor(Date.now() / 1000);
				let bucket = buckets.get(second);
				if (!bucket) {
					bucket = [0, 0, 0, 0];
					buckets.set(second, bucket);
				}
				bucket[slot]++;
				bucket[slot + 1] += micros;
			}
			return result;
		};
	};
	crypto.verify = timed(crypto.verify, 0);
	crypto.createPublicKey = timed(crypto.createPublicKey, 2);
	// The server's `import … from "node:crypto"` sees the wrapped functions too.
	syncBuiltinESMExports();
	process.on("exit", () => {
		closeSync(schedstat);
		writeFileSync(file, JSON.stringify([...buckets]));
	});
}
