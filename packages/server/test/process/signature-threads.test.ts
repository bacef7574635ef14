import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { httpFlow, SoftAuthenticator } from "./http-flow.ts";

const ORIGIN = "http://localhost:8080";

/** The process's thread count from /proc (Linux), or null elsewhere. */
function threadsOf(pid: number | undefined): number | null {
	const status = `/proc/${pid}/status`;
	if (pid === undefined || !existsSync(status)) return null;
	return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(status, "utf8"))?.[1]);
}

describe("latchkey serve with LATCHKEY_SIGNATURE_THREADS=2", () => {
	const servers: ServerProcess[] = [];
	after(async () => {
		for (const server of servers) {
			if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
			server.cleanup();
		}
	});

	it("checks sign-ins on its signature threads: good ones pass again and again, a forged one is refused", async () => {
		const server = await startServer({ env: { LATCHKEY_SIGNATURE_THREADS: "2" } });
		const plain = await startServer();
		servers.push(server, plain);
		// Started at listen: two more threads than a server without signature threads has, before any request.
		const [withThreads, without] = [threadsOf(server.child.pid), threadsOf(plain.child.pid)];
		if (withThreads !== null && without !== null) assert.equal(withThreads - without, 2);
		await plain.stop();
		const app = await server.createApp({ appId: "shop", rpId: "localhost" });
		const flow = httpFlow(server.url, app, ORIGIN);
		const users = ["ada", "grace", "edsger"].map((userId) => ({ userId, authenticator: new SoftAuthenticator() }));
		for (const { userId, authenticator } of users) await flow.register(userId, authenticator);

		// Four rounds: a key is imported on its first use, kept from its second, and found kept on the third and fourth.
		for (let round = 0; round < 4; round++) {
			for (const { userId, authenticator } of users) {
				const { data, session } = await flow.beginSignIn({ userId });
				const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
				const complete = await flow.post("/signin/complete", { session, response, RPID: "localhost", Origin: ORIGIN }, "public");
				assert.equal(complete.status, 200, `${userId}, round ${round + 1}: ${JSON.stringify(complete.body)}`);
				const verified = await flow.post("/signin/verify", { token: complete.body.token }, "secret");
				assert.equal(verified.body.userId, userId);
			}
		}

		const ada = users[0] as (typeof users)[number];
		const { data, session } = await flow.beginSignIn({ userId: ada.userId });
		const response = ada.authenticator.getAssertion(data as never, { origin: ORIGIN }) as { response: { signature: string } };
		const signature = Buffer.from(response.response.signature, "base64url");
		signature[signature.length - 1] = (signature[signature.length - 1] as number) ^ 1;
		response.response.signature = signature.toString("base64url");
		const forged = await flow.post("/signin/complete", { session, response, RPID: "localhost", Origin: ORIGIN }, "public");
		assert.equal(forged.status, 400, JSON.stringify(forged.body));
		assert.equal(forged.body.errorCode, "invalid_signature");
		assert.doesNotMatch(server.logs(), /signature thread failed/);
	});
});
