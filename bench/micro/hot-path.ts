// The server's CPU per request on the sign-in hot path, in one process and without sockets: the real app (buildApp)
// with the real dependencies (createDeps: SQLite file, event buffer, auth-lookup cache) driven by fastify.inject,
// next to an empty Fastify route given the same bodies. Each figure is µs of this thread per request. For finding
// where the time goes (`node --cpu-prof --import tsx micro/hot-path.ts`), not a result of its own: bench/README.md.
//
//   npm run hot-path -w bench                       # HOT_PATH_COUNT=20000 sign-ins by default
//   HOT_PATH_SQL=1 npm run hot-path -w bench        # plus time per SQL statement (better-sqlite3 wrapped)
//   HOT_PATH_PROFILE=/tmp npm run hot-path -w bench # plus /tmp/complete.cpuprofile of the complete step
//   HOT_PATH_HEAP=1 HOT_PATH_PROFILE=/tmp …         # instead, /tmp/complete.heapprofile: every allocation sampled
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp, createApp, createDeps, loadConfig } from "@latchkey/server";
import { CoseAlgorithm, type PublicKeyCredentialRequestOptionsJSON, SoftAuthenticator } from "@latchkey/testing";
import Fastify, { type FastifyInstance } from "fastify";

const COUNT = Number(process.env.HOT_PATH_COUNT ?? 20_000);
const ORIGIN = "http://localhost:8080";
const PARTY = { RPID: "localhost", Origin: ORIGIN };

/** Runs `each` for every item, `concurrency` at a time (as that many connections would), and returns µs per item. */
async function timed<T>(items: T[], concurrency: number, each: (item: T) => Promise<void>): Promise<number> {
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < items.length) await each(items[next++] as T);
		}),
	);
	return ((performance.now() - started) * 1000) / items.length;
}

function poster(app: FastifyInstance, headers: { public: Record<string, string>; secret: Record<string, string> }) {
	return async <T>(url: string, body: string | object, secret = false): Promise<T> => {
		const payload = typeof body === "string" ? body : JSON.stringify(body);
		const response = await app.inject({
			method: "POST",
			url,
			headers: { "content-type": "application/json", ...headers[secret ? "secret" : "public"] },
			payload,
		});
		if (response.statusCode !== 200) throw new Error(`${url} ${response.statusCode} ${response.body}`);
		return response.json() as T;
	};
}

/** HOT_PATH_PROFILE=<dir>: a V8 CPU profile of the step named, written to <dir>/<step>.cpuprofile. */
async function startProfile(step: string): Promise<(() => Promise<void>) | null> {
	const out = process.env.HOT_PATH_PROFILE;
	if (!out) return null;
	mkdirSync(out, { recursive: true });
	const session = new Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
	if (process.env.HOT_PATH_HEAP) {
		await post("HeapProfiler.startSampling", {
			samplingInterval: 1024,
			includeObjectsCollectedByMajorGC: true,
			includeObjectsCollectedByMinorGC: true,
		});
		return async () => {
			const { profile } = (await post("HeapProfiler.stopSampling")) as { profile: unknown };
			writeFileSync(join(out, `${step}.heapprofile`), JSON.stringify(profile));
			session.disconnect();
		};
	}
	await post("Profiler.enable");
	await post("Profiler.setSamplingInterval", { interval: 100 });
	await post("Profiler.start");
	return async () => {
		const { profile } = (await post("Profiler.stop")) as { profile: unknown };
		writeFileSync(join(out, `${step}.cpuprofile`), JSON.stringify(profile));
		session.disconnect();
	};
}

/** HOT_PATH_SQL=1: wraps better-sqlite3's run/get/all and exec to add up the time per statement; printed at exit. */
function timeStatements(): void {
	const require = createRequire(import.meta.url);
	const Database = require("better-sqlite3") as new (file: string) => { prepare(sql: string): object; exec(sql: string): unknown };
	const statement = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<string, unknown>;
	const stats = new Map<string, { n: number; us: number }>();
	const count = (key: string, started: number): void => {
		const s = stats.get(key) ?? { n: 0, us: 0 };
		s.n++;
		s.us += (performance.now() - started) * 1000;
		stats.set(key, s);
	};
	for (const method of ["run", "get", "all"]) {
		const original = statement[method] as (...args: unknown[]) => unknown;
		statement[method] = function (this: { source: string }, ...args: unknown[]) {
			const started = performance.now();
			try {
				return original.apply(this, args);
			} finally {
				count(`${method} ${this.source.replace(/\s+/g, " ").slice(0, 70)}`, started);
			}
		};
	}
	const database = Database.prototype as unknown as { exec: (sql: string) => unknown };
	const exec = database.exec;
	database.exec = function (this: unknown, sql: string) {
		const started = performance.now();
		try {
			return exec.call(this, sql);
		} finally {
			count(`exec ${sql.slice(0, 40)}`, started);
		}
	};
	process.on("exit", () => {
		for (const [key, s] of [...stats].sort((a, b) => b[1].us - a[1].us).slice(0, 20)) {
			console.log(
				`${(s.us / 1000).toFixed(0).padStart(7)} ms ${String(s.n).padStart(8)}× ${(s.us / s.n).toFixed(1).padStart(6)} µs  ${key}`,
			);
		}
	});
}
if (process.env.HOT_PATH_SQL === "1") timeStatements();

const dir = mkdtempSync(join(tmpdir(), "latchkey-hot-path-"));
const config = loadConfig({
	LATCHKEY_DATABASE_URL: `sqlite:${join(dir, "latchkey.db")}`,
	LATCHKEY_LOG_LEVEL: "warn",
	LATCHKEY_RATE_LIMIT_PER_IP: "0",
	LATCHKEY_RATE_LIMIT_PER_APP: "0",
	LATCHKEY_RATE_LIMIT_PER_KEY: "0",
});
const deps = await createDeps(config);
const keys = await createApp({ appId: "bench", rpId: "localhost", allowedOrigins: [] }, deps);
const app = buildApp(deps, config);
await app.ready();
const headers = { public: { ApiKey: keys.apiKey }, secret: { ApiSecret: keys.apiSecret } };
const post = poster(app, headers);

// Synced passkeys (counter always 0), so assertions can be signed ahead and sent in any order.
const synced = new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256], flags: { be: true, bs: true }, fixedSignCount: 0 });
const users: { userId: string; credentialId: string }[] = [];
for (let i = 0; i < 20; i++) {
	const userId = `synced-${i}`;
	const { token } = await post<{ token: string }>("/register/token", { userId, username: userId, attestation: "none" }, true);
	const begin = await post<{ data: never; session: string }>("/register/begin", { token, ...PARTY });
	const response = synced.createCredential(begin.data, { origin: ORIGIN }) as { id: string };
	await post("/register/complete", { session: begin.session, response, ...PARTY });
	users.push({ userId, credentialId: response.id });
}

for (const concurrency of [1, 10]) {
	const regUsers = Array.from({ length: Math.min(COUNT, 5000) }, (_, i) => `reg-${concurrency}-${i}`);
	const registerTokens: Record<string, string> = {};
	const tokenUs = await timed(regUsers, concurrency, async (userId) => {
		registerTokens[userId] = (
			await post<{ token: string }>("/register/token", { userId, username: userId, attestation: "none" }, true)
		).token;
	});
	const regBegun: { session: string; data: never }[] = [];
	const regBeginUs = await timed(regUsers, concurrency, async (userId) => {
		regBegun.push(await post<{ session: string; data: never }>("/register/begin", { token: registerTokens[userId], ...PARTY }));
	});
	const regBodies = regBegun.map(({ session, data }) =>
		JSON.stringify({
			session,
			response: new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256] }).createCredential(data, { origin: ORIGIN }),
			...PARTY,
		}),
	);
	const regCompleteUs = await timed(regBodies, concurrency, async (body) => {
		await post("/register/complete", body);
	});
	console.log(
		`concurrency ${concurrency}: µs per request — register/token ${tokenUs.toFixed(1)}, register/begin ${regBeginUs.toFixed(1)}, register/complete ${regCompleteUs.toFixed(1)}`,
	);
	const begun: { session: string; data: PublicKeyCredentialRequestOptionsJSON; user: (typeof users)[number] }[] = [];
	const beginUs = await timed(
		Array.from({ length: COUNT }, (_, i) => users[i % users.length] as (typeof users)[number]),
		concurrency,
		async (user) => {
			const { session, data } = await post<{ session: string; data: PublicKeyCredentialRequestOptionsJSON }>("/signin/begin", {
				userId: user.userId,
				...PARTY,
			});
			begun.push({ session, data, user });
		},
	);
	const bodies = begun.map(({ session, data, user }) =>
		JSON.stringify({ session, response: synced.getAssertion(data, { origin: ORIGIN, credentialId: user.credentialId }), ...PARTY }),
	);
	const tokens: string[] = [];
	const profiler = concurrency === 10 ? await startProfile("complete") : null;
	const completeUs = await timed(bodies, concurrency, async (body) => {
		tokens.push((await post<{ token: string }>("/signin/complete", body)).token);
	});
	await profiler?.();
	const verifyUs = await timed(tokens, concurrency, async (token) => {
		await post("/signin/verify", { token }, true);
	});
	const floor = Fastify();
	floor.post("/signin/complete", async () => ({ token: "verify_floor" }));
	await floor.ready();
	const floorPost = poster(floor, headers);
	const floorUs = await timed(bodies, concurrency, async (body) => {
		await floorPost("/signin/complete", body);
	});
	await floor.close();
	console.log(
		`concurrency ${concurrency}: µs per request — begin ${beginUs.toFixed(1)}, complete ${completeUs.toFixed(1)}, verify ${verifyUs.toFixed(1)}; ` +
			`empty Fastify route ${floorUs.toFixed(1)} (${COUNT} each)`,
	);
}
await app.close();
await deps.signatures.close();
await deps.store.close();
rmSync(dir, { recursive: true, force: true });
