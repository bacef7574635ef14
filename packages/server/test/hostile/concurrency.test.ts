import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { type Actor, actor, ORIGIN, RP_ID, SoftAuthenticator, send } from "./hostile-harness.ts";

describe("concurrency over real HTTP", () => {
	let server: ServerProcess;
	let shop: Actor;

	before(async () => {
		server = await startServer();
		shop = actor(server, await server.createApp({ appId: "shop", rpId: RP_ID, origins: [ORIGIN] }));
	});
	after(async () => {
		await server?.stop();
		server?.cleanup();
	});

	it("gives exactly one 200 for 100 concurrent /signin/complete of one session", async () => {
		const authenticator = new SoftAuthenticator({ fixedSignCount: 0 });
		await shop.register("u1", authenticator);
		const { data, session } = await shop.beginSignIn({ userId: "u1" });
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const answers = await Promise.all(
			Array.from({ length: 100 }, () => shop.pub("/signin/complete", { session, response, ...shop.party })),
		);
		assert.equal(answers.filter((a) => a.status === 200).length, 1);
		assert.ok(answers.filter((a) => a.status !== 200).every((a) => a.status === 400 && a.body.errorCode === "invalid_token"));
	});

	it("stores exactly one of 100 concurrent registrations of one credential id", async () => {
		const credentialId = new Uint8Array(32).fill(9);
		const prepared = await Promise.all(
			Array.from({ length: 100 }, async (_, i) => {
				const { data, session } = await shop.beginRegistration(`racer-${i}`);
				return { session, response: shop.crafted(data, { origin: ORIGIN, credentialId }) };
			}),
		);
		const answers = await Promise.all(prepared.map((p) => shop.pub("/register/complete", { ...p, ...shop.party })));
		assert.equal(answers.filter((a) => a.status === 200).length, 1);
		assert.ok(
			answers.filter((a) => a.status !== 200).every((a) => a.status === 409 && a.body.errorCode === "credential_already_registered"),
		);
		const owners = [];
		for (let i = 0; i < 100; i++) {
			const list = await send(server, `/credentials/list?userId=racer-${i}`, { secret: shop.app.apiSecret, method: "GET" });
			owners.push(...(list.body.values as unknown[]));
		}
		assert.equal(owners.length, 1, "one credential stored in all");
	});
});
