import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { ServerProcess, TestApp, ThrowawayCluster } from "@latchkey/test-support";
import { postgresSkip, startServer, startThrowawayCluster } from "@latchkey/test-support";
import { httpFlow, SoftAuthenticator } from "../process/http-flow.ts";

const ORIGIN = "http://localhost:8080";
const PARTY = { RPID: "localhost", Origin: ORIGIN };
const CONNECT_TIMEOUT_MS = 1000;

interface Answer {
	status: number;
	contentType: string | null;
	errorCode: unknown;
	ms: number;
}

describe("PostgreSQL stopped during traffic", { skip: postgresSkip }, () => {
	let cluster: ThrowawayCluster;
	let node: ServerProcess;
	let app: TestApp;
	before(async () => {
		cluster = await startThrowawayCluster();
		node = await startServer({
			databaseUrl: await cluster.createDatabase(),
			env: { LATCHKEY_PG_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), LATCHKEY_PG_STATEMENT_TIMEOUT_MS: "2000" },
		});
		app = await node.createApp({ appId: "shop", rpId: "localhost" });
	});
	after(async () => {
		if (node && node.child.exitCode === null && node.child.signalCode === null) await node.stop();
		node?.cleanup();
		await cluster?.destroy();
	});

	/** Requests that touch the database, one after another on a few lanes, until `stop` is set. */
	function traffic(lanes: number): { stop(): Promise<Answer[]> } {
		let running = true;
		const answers: Answer[] = [];
		const once = async (i: number): Promise<void> => {
			const started = performance.now();
			const res =
				i % 3 === 0
					? await fetch(`${node.url}/health/storage`)
					: await fetch(`${node.url}/signin/begin`, {
							method: "POST",
							headers: { "content-type": "application/json", ApiKey: app.apiKey },
							body: JSON.stringify({ userId: "ada", ...PARTY }),
						});
			const body = (await res.json()) as { errorCode?: unknown };
			answers.push({
				status: res.status,
				contentType: res.headers.get("content-type"),
				errorCode: body.errorCode,
				ms: performance.now() - started,
			});
		};
		const loops = Array.from({ length: lanes }, async (_, lane) => {
			for (let i = lane; running; i++) await once(i);
		});
		return {
			async stop() {
				running = false;
				await Promise.all(loops);
				return answers;
			},
		};
	}

	it("answers 503 problems (no hang, no crash) while PostgreSQL is down, and serves again once it is back", async () => {
		const flow = httpFlow(node.url, app, ORIGIN);
		const authenticator = new SoftAuthenticator();
		await flow.register("ada", authenticator);

		for (const mode of ["fast", "immediate"] as const) {
			const load = traffic(4);
			await sleep(300);
			await cluster.stop(mode);
			await sleep(2 * CONNECT_TIMEOUT_MS + 500);
			const answers = await load.stop();
			const failed = answers.filter((a) => a.status !== 200);
			assert.ok(failed.length > 0, `${mode}: some requests ran while PostgreSQL was down`);
			for (const a of failed) {
				assert.equal(a.status, 503, `${mode}: ${JSON.stringify(a)}`);
				assert.equal(a.contentType, "application/problem+json");
				assert.equal(a.errorCode, "service_unavailable");
			}
			const slowest = Math.max(...answers.map((a) => a.ms));
			assert.ok(slowest < CONNECT_TIMEOUT_MS + 2500, `${mode}: the slowest answer took ${slowest} ms`);
			assert.equal(node.child.exitCode, null, "the node is still running");

			const health = await fetch(`${node.url}/health/storage`);
			assert.equal(health.status, 503);
			assert.equal(health.headers.get("retry-after"), "1");
			await health.body?.cancel();

			await cluster.start();
			let ok = false;
			for (let i = 0; i < 50 && !ok; i++) {
				ok = (await fetch(`${node.url}/health/storage`)).status === 200;
				if (!ok) await sleep(100);
			}
			assert.ok(ok, `${mode}: /health/storage recovers without restarting Latchkey`);
			const { data, session } = await flow.beginSignIn({ userId: "ada" });
			const complete = await flow.post(
				"/signin/complete",
				{ session, response: authenticator.getAssertion(data as never, { origin: ORIGIN }), ...PARTY },
				"public",
			);
			assert.equal(complete.status, 200, JSON.stringify(complete.body));
			assert.equal((await flow.post("/signin/verify", { token: complete.body.token }, "secret")).body.userId, "ada");
		}
		assert.doesNotMatch(node.logs(), /"level":(50|60).*internal_error|uncaught/i);
	});
});
