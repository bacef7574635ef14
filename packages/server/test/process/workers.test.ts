import assert from "node:assert/strict";
import { request } from "node:http";
import { after, describe, it } from "node:test";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { httpFlow, SoftAuthenticator } from "./http-flow.ts";

const ORIGIN = "http://localhost:8080";

/** POSTs on a new connection each time (node:cluster hands connections to the workers in turn). */
function postFresh(url: string, path: string, headers: Record<string, string>, body: unknown): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(
			`${url}${path}`,
			{ method: "POST", agent: false, headers: { "content-type": "application/json", ...headers } },
			(res) => {
				res.resume();
				res.on("end", () => resolve(res.statusCode ?? 0));
			},
		);
		req.on("error", reject);
		req.end(JSON.stringify(body));
	});
}

describe("latchkey serve --workers 2 (node:cluster on one SQLite file)", () => {
	let server: ServerProcess;
	after(async () => {
		if (server && server.child.exitCode === null && server.child.signalCode === null) await server.kill();
		server?.cleanup();
	});

	it("serves ceremonies across its workers, shares each rate limit between them, and stops them all on SIGTERM", async () => {
		server = await startServer({ args: ["--workers", "2"], env: { LATCHKEY_RATE_LIMIT_PER_IP: "10", LATCHKEY_TRUST_PROXY: "127.0.0.1" } });
		const app = await server.createApp({ appId: "shop", rpId: "localhost" });
		const flow = httpFlow(server.url, app, ORIGIN);
		const authenticator = new SoftAuthenticator();
		await flow.register("ada", authenticator);
		const { data, session } = await flow.beginSignIn({ userId: "ada" });
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const complete = await flow.post("/signin/complete", { session, response, RPID: "localhost", Origin: ORIGIN }, "public");
		assert.equal(complete.status, 200, JSON.stringify(complete.body));

		// 30 requests from one (proxied) address on new connections, spread over both workers. Counters are per process
		// on SQLite, so each worker allows 10 / 2: together never more than the limit of 10. Fixed one-minute windows:
		// the burst (well under a second) must not straddle a boundary.
		if (60_000 - (Date.now() % 60_000) < 3000) await new Promise((resolve) => setTimeout(resolve, 60_000 - (Date.now() % 60_000) + 50));
		const statuses: number[] = [];
		const headers = { ApiKey: app.apiKey, "x-forwarded-for": "203.0.113.7" };
		for (let i = 0; i < 30; i++) {
			statuses.push(await postFresh(server.url, "/signin/begin", headers, { userId: "ada", RPID: "localhost", Origin: ORIGIN }));
		}
		const allowed = statuses.filter((s) => s !== 429).length;
		assert.ok(allowed <= 10, `at most the limit passes across the workers (${allowed} did)`);
		assert.ok(allowed >= 5, `each worker allows its share (${allowed} passed)`);

		assert.equal(await server.stop(), 0, "the supervisor exits cleanly once its workers have stopped");
	});
});
