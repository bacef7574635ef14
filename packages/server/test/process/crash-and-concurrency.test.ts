import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { httpFlow, SoftAuthenticator } from "./http-flow.ts";

const ORIGIN = "http://localhost:8080";

describe("latchkey serve over real HTTP", () => {
	const servers: ServerProcess[] = [];
	after(async () => {
		for (const s of servers) {
			if (s.child.exitCode === null && s.child.signalCode === null) await s.kill();
			s.cleanup();
		}
	});

	it("gives exactly one 200 for 20 concurrent /signin/complete of one session", async () => {
		const server = await startServer();
		servers.push(server);
		const app = await server.createApp({ appId: "shop", rpId: "localhost" });
		const flow = httpFlow(server.url, app, ORIGIN);
		const authenticator = new SoftAuthenticator();
		await flow.register("u1", authenticator);
		const { data, session } = await flow.beginSignIn();
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const results = await Promise.all(
			Array.from({ length: 20 }, () => flow.post("/signin/complete", { session, response, RPID: "localhost", Origin: ORIGIN }, "public")),
		);
		assert.equal(results.filter((r) => r.status === 200).length, 1);
		for (const r of results.filter((x) => x.status !== 200)) {
			assert.equal(r.status, 400);
			assert.equal(r.body.errorCode, "invalid_token");
		}
		const token = results.find((r) => r.status === 200)?.body.token;
		const verified = await flow.post("/signin/verify", { token }, "secret");
		assert.equal(verified.body.userId, "u1");
	});

	it("lets an app created with --reusable-verify-tokens verify a token twice", async () => {
		const server = await startServer();
		servers.push(server);
		const single = httpFlow(server.url, await server.createApp({ appId: "single", rpId: "localhost" }), ORIGIN);
		const reusable = httpFlow(
			server.url,
			await server.createApp({ appId: "reusable", rpId: "localhost", reusableVerifyTokens: true }),
			ORIGIN,
		);
		for (const [flow, second] of [
			[single, 400],
			[reusable, 200],
		] as const) {
			const { verifyToken } = await flow.register("u1", new SoftAuthenticator());
			assert.equal((await flow.post("/signin/verify", { token: verifyToken }, "secret")).status, 200);
			assert.equal((await flow.post("/signin/verify", { token: verifyToken }, "secret")).status, second);
		}
	});

	it("keeps a credential acknowledged by /register/complete through kill -9 and restart", async () => {
		const server = await startServer();
		servers.push(server);
		const app = await server.createApp({ appId: "shop", rpId: "localhost" });
		const flow = httpFlow(server.url, app, ORIGIN);
		const authenticator = new SoftAuthenticator();
		const registered = [];
		for (let i = 0; i < 5; i++) registered.push(await flow.register(`u${i}`, authenticator));
		await server.kill();
		assert.equal(server.child.signalCode, "SIGKILL");

		const restarted = await startServer({ dir: server.dir });
		servers.push(restarted);
		const again = httpFlow(restarted.url, app, ORIGIN);
		for (let i = 0; i < 5; i++) {
			const { data, session } = await again.beginSignIn({ userId: `u${i}` });
			assert.deepEqual(
				(data.allowCredentials as { id: string }[]).map((c) => c.id),
				[registered[i]?.credentialId],
			);
			const response = authenticator.getAssertion(data as never, { origin: ORIGIN, credentialId: registered[i]?.credentialId as string });
			const complete = await again.post("/signin/complete", { session, response, RPID: "localhost", Origin: ORIGIN }, "public");
			assert.equal(complete.status, 200, JSON.stringify(complete.body));
			assert.equal((await again.post("/signin/verify", { token: complete.body.token }, "secret")).body.userId, `u${i}`);
		}
		assert.equal(await restarted.stop(), 0, "SIGTERM gives a clean exit");
	});
});
