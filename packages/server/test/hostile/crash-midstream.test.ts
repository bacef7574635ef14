import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import BetterSqlite3 from "better-sqlite3";
import { actor, ORIGIN, RP_ID, SoftAuthenticator } from "./hostile-harness.ts";

describe("kill -9 in the middle of a stream of registrations", () => {
	const servers: ServerProcess[] = [];
	after(async () => {
		for (const s of servers) {
			if (s.child.exitCode === null && s.child.signalCode === null) await s.kill();
		}
		servers[0]?.cleanup();
	});

	it("keeps every registration that got a 200, each still signs in, and the database is intact", async () => {
		const server = await startServer();
		servers.push(server);
		const app = await server.createApp({ appId: "shop", rpId: RP_ID, origins: [ORIGIN] });
		const shop = actor(server, app);
		const authenticator = new SoftAuthenticator();
		const acknowledged: { userId: string; credentialId: string }[] = [];
		let stop = false;
		const worker = async (w: number): Promise<void> => {
			for (let i = 0; !stop; i++) {
				const userId = `w${w}-${i}`;
				try {
					acknowledged.push({ userId, credentialId: await shop.register(userId, authenticator) });
				} catch {
					return; // the server died under us: this registration was never acknowledged
				}
			}
		};
		const workers = [0, 1, 2, 3].map(worker);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		await server.kill();
		stop = true;
		await Promise.all(workers);
		assert.ok(acknowledged.length >= 10, `only ${acknowledged.length} registrations were acknowledged before the kill`);

		const raw = new BetterSqlite3(join(server.dir, "latchkey.db"));
		assert.equal(raw.pragma("integrity_check", { simple: true }), "ok");
		raw.close();

		const restarted = await startServer({ dir: server.dir });
		servers.push(restarted);
		const again = actor(restarted, app);
		for (const { userId, credentialId } of acknowledged) {
			const { data, session } = await again.beginSignIn({ userId });
			assert.deepEqual(
				(data.allowCredentials as { id: string }[]).map((c) => c.id),
				[credentialId],
				userId,
			);
			const response = authenticator.getAssertion(data as never, { origin: ORIGIN, credentialId });
			const done = await again.pub("/signin/complete", { session, response, ...again.party });
			assert.equal(done.status, 200, `${userId}: ${done.text}`);
		}
		await restarted.stop();
	});
});
