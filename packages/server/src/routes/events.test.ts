import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { beginSignIn, createHarness, ORIGIN, RP_ID, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";
import { purgeExpired } from "../management/purge-expired.ts";

describe("GET /events", () => {
	it("logs every ceremony step, key misuse and change under upstream's event names, newest first", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const { data, session } = await beginSignIn(h, { userId: "u1" });
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const token = (await h.pub("/signin/complete", { session, response, RPID: RP_ID, Origin: ORIGIN })).json().token;
		await h.sec("/signin/verify", { token });
		await h.app.inject({ method: "POST", url: "/signin/begin", headers: { ApiKey: `shop:public:${"0".repeat(32)}` }, payload: {} });
		await h.sec("/alias", { userId: "u1", aliases: ["a"] });
		const res = await h.get("/events?pageNumber=1&numberOfResults=100");
		assert.equal(res.statusCode, 200);
		const body = res.json();
		assert.equal(body.tenantId, "shop");
		assert.deepEqual(
			body.events.map((e: { eventType: string }) => e.eventType),
			[
				"ApiUserSetAliases",
				"ApiAuthInvalidPublicKeyUsed",
				"ApiUserSignInVerified",
				"ApiUserSignInCompleted",
				"ApiUserSignInBegan",
				"ApiAuthPasskeyRegistrationCompleted",
				"ApiAuthPasskeyRegistrationBegan",
				"ApiAuthUserRegistered",
			],
		);
		assert.equal(body.totalEventCount, 8);
		const misuse = body.events[1];
		assert.equal(misuse.severity, "Warning");
		assert.equal(misuse.tenantId, "shop");
		assert.equal(misuse.performedAt, "2025-01-01T00:00:00.000Z");
		assert.doesNotMatch(JSON.stringify(body), /0{32}/, "the key itself is never logged");
		assert.match(body.events[2].apiKeyId, /^secret-[0-9a-f]{4}$/);
	});

	it("pages, validates the page parameters, and treats empty ones as absent", async () => {
		const h = await createHarness();
		for (let i = 0; i < 5; i++) await h.sec("/alias", { userId: `u${i}`, aliases: [] });
		const page = (await h.get("/events?pageNumber=2&numberOfResults=2")).json();
		assert.equal(page.events.length, 2);
		assert.equal(page.totalEventCount, 5);
		assert.equal((await h.get("/events?pageNumber=&numberOfResults=")).json().events.length, 5);
		assertProblem(await h.get("/events?pageNumber=0"), 400, "invalid_request");
		assertProblem(await h.get("/events?numberOfResults=1001"), 400, "invalid_request");
	});

	it("keeps no log when retention is 0, and purges events older than the retention", async () => {
		const h = await createHarness();
		await h.sec("/alias", { userId: "u", aliases: [] });
		await h.sec("/apps/features", { eventLoggingRetentionPeriod: 1 });
		h.clock.advance(2 * 86_400_000);
		await h.sec("/alias", { userId: "u", aliases: [] });
		assert.deepEqual(await purgeExpired(h.deps), { tokens: 0, events: 1 });
		assert.equal((await h.get("/events")).json().totalEventCount, 1);
		await h.sec("/apps/features", { eventLoggingRetentionPeriod: 0 });
		await h.sec("/alias", { userId: "u", aliases: [] });
		assert.equal((await h.get("/events")).json().totalEventCount, 1);
	});
});
