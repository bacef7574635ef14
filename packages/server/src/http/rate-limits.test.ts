import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness, ORIGIN, RP_ID } from "../../test/support/in-process.ts";

const begin = { RPID: RP_ID, Origin: ORIGIN };

describe("rate limits", () => {
	it("limits the public routes per client address, with Retry-After, and leaves preflights alone", async () => {
		const h = await createHarness({ env: { LATCHKEY_RATE_LIMIT_PER_IP: "5" } });
		for (let i = 0; i < 5; i++) assert.equal((await h.pub("/signin/begin", begin)).statusCode, 200);
		for (let i = 0; i < 3; i++) {
			await h.app.inject({
				method: "OPTIONS",
				url: "/signin/begin",
				headers: { origin: "https://x", "access-control-request-method": "POST" },
			});
		}
		const limited = await h.pub("/signin/begin", begin);
		assertProblem(limited, 429, "rate_limited");
		assert.match(String(limited.headers["retry-after"]), /^\d+$/);
		assert.ok(Number(limited.headers["retry-after"]) >= 1 && Number(limited.headers["retry-after"]) <= 60);
		assert.equal(limited.headers["access-control-allow-origin"], "*", "CORS headers are on the 429 too");
		const other = await h.pub("/signin/begin", begin, { "x-forwarded-for": "203.0.113.9" });
		assertProblem(other, 429, "rate_limited");
		h.clock.advance(60_000);
		assert.equal((await h.pub("/signin/begin", begin)).statusCode, 200, "a new window starts");
	});

	it("believes X-Forwarded-For only from trusted proxies", async () => {
		const h = await createHarness({ env: { LATCHKEY_RATE_LIMIT_PER_IP: "2", LATCHKEY_TRUST_PROXY: "127.0.0.1" } });
		for (const client of ["198.51.100.1", "198.51.100.2"]) {
			for (let i = 0; i < 2; i++) assert.equal((await h.pub("/signin/begin", begin, { "x-forwarded-for": client })).statusCode, 200);
			assertProblem(await h.pub("/signin/begin", begin, { "x-forwarded-for": client }), 429, "rate_limited");
		}
	});

	it("limits one app's public traffic from every address", async () => {
		const h = await createHarness({ env: { LATCHKEY_RATE_LIMIT_PER_APP: "3", LATCHKEY_TRUST_PROXY: "true" } });
		for (let i = 0; i < 3; i++)
			assert.equal((await h.pub("/signin/begin", begin, { "x-forwarded-for": `198.51.100.${i}` })).statusCode, 200);
		const limited = await h.pub("/signin/begin", begin, { "x-forwarded-for": "198.51.100.77" });
		assertProblem(limited, 429, "rate_limited");
		assert.match(limited.json().detail, /for this application/);
	});

	it("limits the secret routes per key, and lets an app override the server's limits", async () => {
		const h = await createHarness({ env: { LATCHKEY_RATE_LIMIT_PER_KEY: "4" } });
		assert.equal((await h.sec("/apps/features", { rateLimitPerKey: 6 })).statusCode, 204);
		for (let i = 0; i < 5; i++) assert.equal((await h.get("/users/count")).statusCode, 200);
		const limited = await h.get("/users/count");
		assertProblem(limited, 429, "rate_limited");
		assert.match(limited.json().detail, /with this key/);
		assert.equal((await h.app.inject({ method: "GET", url: "/health/http" })).statusCode, 200, "anonymous routes are not limited");
	});
});
