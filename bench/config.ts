// The benchmark's settings: the one reader of the BENCH_* environment variables (their table: bench/README.md).
import { fileURLToPath } from "node:url";

export function envInt(name: string, fallback: number, min: number, max: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === "") return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max)
		throw new Error(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
	return value;
}

export const SECONDS = envInt("BENCH_SECONDS", 20, 1, 3600);
export const CONNECTIONS = envInt("BENCH_CONNECTIONS", 10, 1, 1000);
export const VERIFY_SECONDS = 2;
export const RP_ID = "localhost";
export const ORIGIN = "http://localhost:8080";
export const DATABASE = process.env.BENCH_DATABASE || "sqlite";
if (DATABASE !== "sqlite" && DATABASE !== "postgres") throw new Error(`BENCH_DATABASE must be sqlite or postgres, got '${DATABASE}'`);
export const NODES = envInt("BENCH_NODES", 1, 1, DATABASE === "postgres" ? 8 : 1);
/** Load steps of the latency curve, % of the measured whole-sign-in maximum (BENCH_CURVE_STEPS=50 for one of them). */
export const LOAD_STEPS = (process.env.BENCH_CURVE_STEPS ?? "10,25,50,75").split(",").map(Number);
if (LOAD_STEPS.some((step) => !(step > 0 && step <= 100))) throw new Error("BENCH_CURVE_STEPS must be percentages, e.g. 25,50");
/** Users the curve's load generator registers for itself (each is in at most one sign-in at a time). */
export const CURVE_USERS = 2000;
export const LOAD_SECONDS = envInt("BENCH_LOAD_SECONDS", Math.max(5, Math.ceil(SECONDS / 2)), 1, 3600);
/** BENCH_SOAK_SECONDS=300: also a 5-minute whole-sign-in soak with RSS sampled every 5 s (off by default). */
export const SOAK_SECONDS = envInt("BENCH_SOAK_SECONDS", 0, 0, 24 * 3600);
/** Flatness: this many users sign in among FLAT_SMALL, then FLAT_LARGE stored credentials (the rest are filler rows). */
export const FLAT_USERS = envInt("BENCH_FLAT_USERS", 2000, 100, 100_000);
export const FLAT_SMALL = 10_000;
export const FLAT_LARGE = envInt("BENCH_FLAT_CREDENTIALS", 1_000_000, FLAT_SMALL, 50_000_000);
export const RESULTS = new URL(
	DATABASE === "sqlite" ? "./results/latest.json" : `./results/latest-postgres-${NODES}node.json`,
	import.meta.url,
);
/** BENCH_PROFILE=1: the server writes a V8 CPU profile to bench/results/profile/ when it exits (it costs the server a little CPU). */
export const PROFILE = process.env.BENCH_PROFILE === "1" ? fileURLToPath(new URL("./results/profile/", import.meta.url)) : null;
/**
 * BENCH_ONLY=workers|flatness|curve|cognito: only that section (10, 9, 4b against a fresh server at BENCH_CURVE_MAX
 * sign-ins/s, default 1,900, or 12), printed and not written, for comparing one change.
 */
export const ONLY = process.env.BENCH_ONLY ?? "";
if (ONLY !== "" && ONLY !== "workers" && ONLY !== "flatness" && ONLY !== "curve" && ONLY !== "cognito") {
	throw new Error(`BENCH_ONLY must be workers, flatness, curve or cognito, got '${ONLY}'`);
}
/** BENCH_CURVE_MAX: with BENCH_ONLY=curve, the whole-sign-in rate (per second) the curve's percentages refer to. */
export const CURVE_MAX = envInt("BENCH_CURVE_MAX", 1900, 10, 1_000_000);
/** BENCH_IMAGE: the container image `npm run installed -w bench` measures (it builds it when missing). */
export const IMAGE = process.env.BENCH_IMAGE || "localhost/latchkey:test";
/** BENCH_QUICK=1: only phases 1–6 (as with a profile), for comparing one change; the results files are not written. */
export const QUICK = process.env.BENCH_QUICK === "1";
