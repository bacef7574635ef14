import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ServerProcess, TestApp, ThrowawayCluster } from "@latchkey/test-support";
import { postgresSkip, startServer, startThrowawayCluster } from "@latchkey/test-support";
import { httpFlow, SoftAuthenticator } from "../process/http-flow.ts";

const ORIGIN = "http://localhost:8080";
const PARTY = { RPID: "localhost", Origin: ORIGIN };

describe("two `latchkey serve` nodes on one PostgreSQL", { skip: postgresSkip }, () => {
	let cluster: ThrowawayCluster;
	let nodes: [ServerProcess, ServerProcess];
	let app: TestApp;
	before(async () => {
		cluster = await startThrowawayCluster();
		const databaseUrl = await cluster.createDatabase();
		// Both start (and migrate) at once: the advisory lock lets one apply the migrations while the other waits.
		nodes = (await Promise.all([startServer({ databaseUrl }), startServer({ databaseUrl })])) as [ServerProcess, ServerProcess];
		app = await nodes[0].createApp({ appId: "shop", rpId: "localhost" });
	});
	after(async () => {
		for (const node of nodes ?? []) {
			if (node.child.exitCode === null && node.child.signalCode === null) await node.stop();
			node.cleanup();
		}
		await cluster?.destroy();
	});

	it("completes on node B a registration and a sign-in begun on node A, and the reverse", async () => {
		const [a, b] = nodes.map((node) => httpFlow(node.url, app, ORIGIN)) as [ReturnType<typeof httpFlow>, ReturnType<typeof httpFlow>];
		const authenticator = new SoftAuthenticator();
		const token = await a.post("/register/token", { userId: "ada", username: "ada", aliases: ["ada@example.com"] }, "secret");
		const begin = await b.post("/register/begin", { token: token.body.token, ...PARTY }, "public");
		assert.equal(begin.status, 200, JSON.stringify(begin.body));
		const registration = authenticator.createCredential(begin.body.data as never, { origin: ORIGIN });
		const registered = await a.post("/register/complete", { session: begin.body.session, response: registration, ...PARTY }, "public");
		assert.equal(registered.status, 200, JSON.stringify(registered.body));
		assert.equal((await b.post("/signin/verify", { token: registered.body.token }, "secret")).body.userId, "ada");

		for (const [first, second] of [
			[a, b],
			[b, a],
		] as const) {
			const { data, session } = await first.beginSignIn({ alias: "ada@example.com" });
			const assertion = authenticator.getAssertion(data as never, { origin: ORIGIN });
			const complete = await second.post("/signin/complete", { session, response: assertion, ...PARTY }, "public");
			assert.equal(complete.status, 200, JSON.stringify(complete.body));
			const verified = await first.post("/signin/verify", { token: complete.body.token }, "secret");
			assert.equal(verified.body.userId, "ada");
			const again = await second.post("/signin/verify", { token: complete.body.token }, "secret");
			assert.equal(again.status, 400, "a verify token is single-use across nodes");
		}
		const users = await fetch(`${nodes[1].url}/users/list`, { headers: { ApiSecret: app.apiSecret } });
		assert.deepEqual(
			((await users.json()) as { values: { userId: string }[] }).values.map((u) => u.userId),
			["ada"],
		);
	});

	it("gives exactly one success for 50 concurrent completes of one session spread over both nodes, and one for its verify token", async () => {
		const flows = nodes.map((node) => httpFlow(node.url, app, ORIGIN));
		const [a] = flows as [ReturnType<typeof httpFlow>];
		const authenticator = new SoftAuthenticator();
		await a.register("grace", authenticator);
		const { data, session } = await a.beginSignIn({ userId: "grace" });
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const completes = await Promise.all(
			Array.from({ length: 50 }, (_, i) => (flows[i % 2] ?? a).post("/signin/complete", { session, response, ...PARTY }, "public")),
		);
		assert.equal(completes.filter((r) => r.status === 200).length, 1);
		for (const r of completes.filter((x) => x.status !== 200)) {
			assert.equal(r.status, 400, JSON.stringify(r.body));
			assert.equal(r.body.errorCode, "invalid_token");
		}
		const token = completes.find((r) => r.status === 200)?.body.token;
		const verifies = await Promise.all(
			Array.from({ length: 50 }, (_, i) => (flows[i % 2] ?? a).post("/signin/verify", { token }, "secret")),
		);
		assert.equal(verifies.filter((r) => r.status === 200).length, 1);
		assert.equal(verifies.find((r) => r.status === 200)?.body.userId, "grace");
	});

	it("shares rate-limit counters between the nodes", async () => {
		const flows = nodes.map((node) => httpFlow(node.url, app, ORIGIN));
		// The app's own limit (an override stored in PostgreSQL) applies on both nodes, and both count into one window.
		const features = await (flows[0] as ReturnType<typeof httpFlow>).post("/apps/features", { rateLimitPerIp: 10 }, "secret");
		assert.equal(features.status, 204);
		await new Promise((resolve) => setTimeout(resolve, 2_100)); // each node rereads app settings within 2 s
		const answers = [];
		for (let i = 0; i < 12; i++) answers.push(await (flows[i % 2] as ReturnType<typeof httpFlow>).post("/signin/begin", PARTY, "public"));
		assert.deepEqual(
			answers.map((r) => r.status),
			[...Array(10).fill(200), 429, 429],
		);
		assert.equal(answers[10]?.body.errorCode, "rate_limited");
	});
});
