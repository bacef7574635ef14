// Preloaded into the server (NODE_OPTIONS=--import) when BENCH_PROFILE=1: samples the main thread with V8's CPU
// profiler and writes <BENCH_PROFILE_DIR>/server-<pid>.cpuprofile when the process exits. (--cpu-prof itself is not
// allowed in NODE_OPTIONS, and startServer() has no way to pass node flags.)
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
	const session = new Session();
	session.connect();
	session.post("Profiler.enable");
	session.post("Profiler.setSamplingInterval", { interval: 500 });
	session.post("Profiler.start");
	process.on("exit", () => {
		// Same-thread inspector sessions answer synchronously, so this runs before the process is gone.
		session.post("Profiler.stop", (error, result) => {
			if (error || !result) return;
			mkdirSync(dir, { recursive: true });
			writeFileSync(join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
		});
	});
}
