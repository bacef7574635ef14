import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { fixedClock } from "../clock.ts";
import { problemErrorHandler } from "../errors/error-handler.ts";
import { createMemoryStore } from "../store/memory/memory-store.ts";
import { addKeyChecks } from "./key-hooks.ts";

function buildTestApp(): FastifyInstance {
	const app = Fastify();
	app.setErrorHandler(problemErrorHandler);
	addKeyChecks(app, { store: createMemoryStore(), clock: fixedClock("2025-01-01T00:00:00Z") });
	app.get("/open", async (request) => ({ tenant: request.tenant }));
	app.get("/guarded", { config: { key: "secret" } }, async () => ({ reached: true }));
	app.post("/party", { config: { key: "public", scope: "login", party: true } }, async () => ({ reached: true }));
	return app;
}

describe("addKeyChecks", () => {
	it("leaves a route without config.key alone", async () => {
		const res = await buildTestApp().inject({ method: "GET", url: "/open" });
		assert.equal(res.statusCode, 200);
		assert.deepEqual(res.json(), { tenant: null });
	});

	it("answers 401 before the handler on a route that declares a key", async () => {
		const app = buildTestApp();
		const secret = await app.inject({ method: "GET", url: "/guarded" });
		assert.equal(secret.statusCode, 401);
		assert.equal(secret.json().errorCode, "invalid_api_secret");
		const pub = await app.inject({ method: "POST", url: "/party", headers: { apisecret: "x" }, payload: {} });
		assert.equal(pub.statusCode, 401);
		assert.equal(pub.json().errorCode, "invalid_api_key");
		assert.equal(pub.json().detail, "A 'ApiSecret' header was supplied when a 'ApiKey' header should have been supplied.");
	});
});
