/**
 * Soak: mixed register / sign-in / list / delete load against one `latchkey serve` for a set time at a set rate.
 * Checks: zero unexpected errors, RSS at start and end, and every acknowledged (not deleted) credential present.
 *
 *   npm run soak -w bench                           # 300 operations/s for 300 s
 *   SOAK_SECONDS=60 SOAK_RATE=500 npm run soak -w bench
 */
import { readFileSync } from "node:fs";
import { startServer } from "@latchkey/test-support";
import { SoftAuthenticator } from "@latchkey/testing";

const ORIGIN = "http://localhost:8080";
const PARTY = { RPID: "localhost", Origin: ORIGIN };

/** What a soak run measured. */
export interface SoakReport {
	seconds: number;
	targetRate: number;
	operations: Record<"register" | "signin" | "list" | "delete", number>;
	unexpected: string[];
	rssStartMiB: number;
	rssEndMiB: number;
	rssPeakMiB: number;
	acknowledged: number;
	missing: string[];
}

function rssMiB(pid: number): number {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
	return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : 0;
}

/**
 * Runs a soak against a fresh server on a temp database.
 * @param options - duration in seconds and target operations per second
 */
export async function runSoak(options: { seconds: number; rate: number }): Promise<SoakReport> {
	const server = await startServer({ env: { LATCHKEY_LOG_LEVEL: "info" } });
	const pid = server.child.pid ?? 0;
	try {
		const app = await server.createApp({ appId: "soak", rpId: "localhost", origins: [ORIGIN] });
		const call = async (
			path: string,
			body: unknown,
			key: "public" | "secret",
			method = "POST",
		): Promise<{ status: number; body: Record<string, unknown> }> => {
			const headers = key === "public" ? { ApiKey: app.apiKey } : { ApiSecret: app.apiSecret };
			const res = await fetch(server.url + path, {
				method,
				headers: { ...headers, ...(method === "POST" ? { "content-type": "application/json" } : {}) },
				...(method === "POST" ? { body: JSON.stringify(body) } : {}),
			});
			const text = await res.text();
			return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
		};
		const authenticator = new SoftAuthenticator({ algorithms: [-7] });
		const live = new Map<string, string>(); // userId → credentialId
		const unexpected: string[] = [];
		const operations = { register: 0, signin: 0, list: 0, delete: 0 };
		const expect = (what: string, answer: { status: number; body: Record<string, unknown> }, status: number): boolean => {
			if (answer.status === status) return true;
			if (unexpected.length < 20) unexpected.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
			else unexpected.push(what);
			return false;
		};
		let next = 0;
		const busy = new Set<string>();
		const register = async (): Promise<void> => {
			const userId = `user-${next++}`;
			const token = await call("/register/token", { userId, username: userId, aliases: [`${userId}@example.com`] }, "secret");
			if (!expect("register/token", token, 200)) return;
			const begin = await call("/register/begin", { token: token.body.token, ...PARTY }, "public");
			if (!expect("register/begin", begin, 200)) return;
			const response = authenticator.createCredential(begin.body.data as never, { origin: ORIGIN });
			const done = await call("/register/complete", { session: begin.body.session, response, ...PARTY }, "public");
			if (expect("register/complete", done, 200)) live.set(userId, response.id);
			operations.register++;
		};
		const pick = (): [string, string] | null => {
			const entries = [...live.entries()].filter(([u]) => !busy.has(u));
			return entries.length === 0 ? null : (entries[Math.floor(Math.random() * entries.length)] ?? null);
		};
		const signIn = async (): Promise<void> => {
			const chosen = pick();
			if (!chosen) return register();
			const [userId, credentialId] = chosen;
			busy.add(userId);
			try {
				const begin = await call("/signin/begin", { alias: `${userId}@example.com`, ...PARTY }, "public");
				if (!expect("signin/begin", begin, 200)) return;
				const response = authenticator.getAssertion(begin.body.data as never, { origin: ORIGIN, credentialId });
				const done = await call("/signin/complete", { session: begin.body.session, response, ...PARTY }, "public");
				if (!expect("signin/complete", done, 200)) return;
				const verified = await call("/signin/verify", { token: done.body.token }, "secret");
				if (expect("signin/verify", verified, 200) && verified.body.userId !== userId)
					unexpected.push(`verify named ${String(verified.body.userId)} for ${userId}`);
				operations.signin++;
			} finally {
				busy.delete(userId);
			}
		};
		const list = async (): Promise<void> => {
			const chosen = pick();
			if (!chosen) return;
			const answer = await call(`/credentials/list?userId=${encodeURIComponent(chosen[0])}`, null, "secret", "GET");
			if (expect("credentials/list", answer, 200) && (answer.body.values as unknown[]).length !== 1)
				unexpected.push(`list of ${chosen[0]} has ${(answer.body.values as unknown[]).length} credentials`);
			operations.list++;
		};
		const remove = async (): Promise<void> => {
			const chosen = pick();
			if (!chosen || live.size < 20) return register();
			const [userId, credentialId] = chosen;
			busy.add(userId);
			live.delete(userId);
			try {
				expect("credentials/delete", await call("/credentials/delete", { credentialId }, "secret"), 204);
				operations.delete++;
			} finally {
				busy.delete(userId);
			}
		};

		for (let i = 0; i < 20; i++) await register();
		const rssStartMiB = rssMiB(pid);
		let rssPeakMiB = rssStartMiB;
		const sampler = setInterval(() => {
			rssPeakMiB = Math.max(rssPeakMiB, rssMiB(pid));
		}, 250);
		const started = performance.now();
		const inFlight = new Set<Promise<void>>();
		let sent = 0;
		while (performance.now() - started < options.seconds * 1000) {
			const due = Math.floor(((performance.now() - started) / 1000) * options.rate);
			while (sent < due && inFlight.size < 64) {
				sent++;
				const roll = Math.random();
				const op = roll < 0.2 ? register : roll < 0.8 ? signIn : roll < 0.9 ? list : remove;
				const p = op().catch((err: unknown) => {
					unexpected.push(`exception: ${String(err)}`);
				});
				inFlight.add(p);
				void p.finally(() => inFlight.delete(p));
			}
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await Promise.all(inFlight);
		clearInterval(sampler);
		const rssEndMiB = rssMiB(pid);

		const missing: string[] = [];
		for (const [userId, credentialId] of live) {
			const answer = await call(`/credentials/list?userId=${encodeURIComponent(userId)}`, null, "secret", "GET");
			const ids = ((answer.body.values as { descriptor: { id: string } }[] | undefined) ?? []).map((c) => c.descriptor.id);
			if (!ids.includes(credentialId)) missing.push(userId);
		}
		return {
			seconds: options.seconds,
			targetRate: options.rate,
			operations,
			unexpected,
			rssStartMiB,
			rssEndMiB,
			rssPeakMiB: Math.max(rssPeakMiB, rssEndMiB),
			acknowledged: live.size,
			missing,
		};
	} finally {
		await server.stop();
		server.cleanup();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const seconds = Number(process.env.SOAK_SECONDS ?? 300);
	const rate = Number(process.env.SOAK_RATE ?? 300);
	console.log(`soak: ${rate} operations/s for ${seconds} s against one latchkey serve…`);
	const report = await runSoak({ seconds, rate });
	const total = Object.values(report.operations).reduce((a, b) => a + b, 0);
	console.log(JSON.stringify(report, null, 2));
	console.log(
		`\n${total} operations (${(total / seconds).toFixed(0)}/s): ${JSON.stringify(report.operations)}; unexpected errors ${report.unexpected.length}; ` +
			`RSS ${report.rssStartMiB} → ${report.rssEndMiB} MiB (peak ${report.rssPeakMiB}); ${report.acknowledged} live credentials, ${report.missing.length} missing`,
	);
	process.exitCode = report.unexpected.length === 0 && report.missing.length === 0 ? 0 : 1;
}
