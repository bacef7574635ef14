// Starting and stopping the `latchkey serve` processes the benchmark drives.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { CoseAlgorithm, SoftAuthenticator } from "@latchkey/testing";
import { PROFILE, RP_ID } from "../config.ts";
import { CRYPTO_TIMING_PRELOAD } from "../micro/crypto-in-server.ts";
import { Api, Bench } from "./phases.ts";

/**
 * The server env of every run: info logs (startServer reads the URL from them), no rate limits, maybe a profiler.
 * @param cryptoTiming - where the server writes the time of its signature checks and key imports (crypto-timing.mjs)
 */
export function serverEnv(cryptoTiming?: string): Record<string, string> {
	const env: Record<string, string> = {
		LATCHKEY_LOG_LEVEL: "info",
		LATCHKEY_RATE_LIMIT_PER_IP: "0",
		LATCHKEY_RATE_LIMIT_PER_APP: "0",
		LATCHKEY_RATE_LIMIT_PER_KEY: "0",
	};
	const preloads: string[] = [];
	if (PROFILE) {
		preloads.push(new URL("../micro/cpu-profile.mjs", import.meta.url).href);
		env.BENCH_PROFILE_DIR = PROFILE;
	}
	if (cryptoTiming) {
		preloads.push(CRYPTO_TIMING_PRELOAD);
		env.BENCH_CRYPTO_TIMING = cryptoTiming;
	}
	if (preloads.length > 0) env.NODE_OPTIONS = [process.env.NODE_OPTIONS ?? "", ...preloads.map((p) => `--import ${p}`)].join(" ").trim();
	return env;
}

/** Where the main server writes its crypto timing (crypto-timing.mjs). */
export const CRYPTO_TIMING = join(tmpdir(), `latchkey-bench-crypto-${process.pid}.json`);

/** A fresh `latchkey serve` on its own SQLite file, with the bench app, warmed up by one registration + 20 sign-ins. */
export async function freshLatchkey(args: string[]): Promise<{ server: ServerProcess; bench: Bench; authenticator: SoftAuthenticator }> {
	const server = await startServer({ env: serverEnv(), args });
	const app = await server.createApp({ appId: "bench", rpId: RP_ID });
	const api = new Api(server.url, app);
	const authenticator = new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256] });
	const smoke = { userId: "smoke", credentialId: await api.register(authenticator, "smoke") };
	for (let i = 0; i < 20; i++) await api.signIn(authenticator, smoke);
	return { server, bench: new Bench([server], api, null), authenticator };
}

export async function stopServer(server: ServerProcess): Promise<void> {
	await server.stop();
	server.cleanup();
}

/**
 * p99 of a whole sign-in at fractions of the measured maximum: an open-loop schedule (bench/load/paced-sign-ins.ts), not
 * autocannon's overallRate, which sends each second's quota in a burst.
 */
