import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createHarness, ORIGIN, RP_ID } from "../test/support/in-process.ts";

describe("buildApp", () => {
	it("answers a preflight without an ApiKey and echoes the requested headers", async () => {
		const h = await createHarness();
		const res = await h.app.inject({
			method: "OPTIONS",
			url: "/signin/begin",
			headers: {
				origin: "https://any.example",
				"access-control-request-method": "POST",
				"access-control-request-headers": "apikey,client-version,content-type",
			},
		});
		assert.equal(res.statusCode, 204);
		assert.equal(res.headers["access-control-allow-origin"], "*");
		assert.equal(res.headers["access-control-allow-headers"], "apikey,client-version,content-type");
		assert.match(String(res.headers["access-control-allow-methods"]), /POST/);
	});

	it("puts CORS and security headers on errors too", async () => {
		const h = await createHarness();
		const res = await h.app.inject({ method: "POST", url: "/signin/begin", headers: { origin: "https://any.example" }, payload: {} });
		assert.equal(res.statusCode, 401);
		assert.equal(res.headers["access-control-allow-origin"], "*");
		assert.equal(res.headers["content-type"], "application/problem+json");
		assert.equal(res.headers["x-content-type-options"], "nosniff");
		assert.equal(res.headers["referrer-policy"], "no-referrer");
		assert.equal(res.headers["content-security-policy"], "default-src 'self';");
		assert.equal(res.json().errorCode, "invalid_api_key");
		assert.match(res.json().traceId, /^req_[0-9a-f]{16}$/);
	});

	it("tolerates a doubled slash and a trailing slash in the path", async () => {
		const h = await createHarness();
		for (const url of ["//signin/begin", "/signin/begin/"]) {
			const res = await h.pub(url, { RPID: RP_ID, Origin: ORIGIN });
			assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
		}
	});

	it("answers bad JSON, a wrong media type, a huge body and an unknown route with problems, never a 500", async () => {
		const h = await createHarness({ env: { LATCHKEY_BODY_LIMIT_BYTES: "2048" } });
		const cases: [Record<string, string>, string, string, number, string][] = [
			[{ "content-type": "application/json" }, "/signin/begin", "{not json", 400, "invalid_json"],
			[{ "content-type": "application/json" }, "/signin/begin", "", 400, "invalid_json"],
			[{ "content-type": "text/plain" }, "/signin/begin", "hello", 415, "unsupported_media_type"],
			[{ "content-type": "application/json" }, "/signin/begin", JSON.stringify({ alias: "x".repeat(5000) }), 413, "payload_too_large"],
			[{ "content-type": "application/json" }, "/signin/begin", '{"__proto__":{"x":1}}', 400, "invalid_json"],
			[{ "content-type": "application/json" }, "/nope", "{}", 404, "not_found"],
			[{ "content-type": "application/json" }, "/signin/begin", "[1,2]", 400, "invalid_request"],
			[{ "content-type": "application/json" }, "/signin/begin", '{"userId":{"a":1}}', 400, "invalid_request"],
		];
		for (const [headers, url, payload, status, code] of cases) {
			const res = await h.app.inject({ method: "POST", url, headers: { ...headers, ApiKey: h.keys.apiKey }, payload });
			assert.equal(res.statusCode, status, `${payload.slice(0, 30)} → ${res.body}`);
			assert.equal(res.headers["content-type"], "application/problem+json");
			assert.equal(res.json().errorCode, code);
		}
	});

	it("accepts a JSON content type with a charset", async () => {
		const h = await createHarness();
		const res = await h.pub("/signin/begin", { RPID: RP_ID, Origin: ORIGIN }, { "content-type": "application/json; charset=UTF-8" });
		assert.equal(res.statusCode, 200);
	});

	it("serves health routes without a key", async () => {
		const h = await createHarness();
		assert.equal((await h.app.inject({ method: "GET", url: "/health/http" })).statusCode, 200);
		assert.deepEqual((await h.app.inject({ method: "GET", url: "/health/storage" })).json(), { status: "ok" });
	});

	it("serves the playground only in dev mode", async () => {
		const prod = await createHarness();
		assert.match((await prod.app.inject({ method: "GET", url: "/" })).headers["content-type"] as string, /^text\/plain/);
		assert.equal((await prod.app.inject({ method: "GET", url: "/playground.js" })).statusCode, 404);
		const dev = await createHarness({ env: { LATCHKEY_DEV: "1", LATCHKEY_DEV_APP_ID: "shop" } });
		const page = await dev.app.inject({ method: "GET", url: "/" });
		assert.match(page.body, /Latchkey playground/);
		assert.equal((await dev.app.inject({ method: "GET", url: "/playground.js" })).statusCode, 200);
		for (const url of ["/", "/docs"]) {
			const html = await dev.app.inject({ method: "GET", url });
			assert.equal(html.headers["content-security-policy"], "default-src 'self';", `${url} has a strict CSP`);
			assert.doesNotMatch(html.body, /<script(?![^>]*\bsrc=)[^>]*>/, `${url} has no inline script`);
			assert.doesNotMatch(html.body, /\son[a-z]+=/i, `${url} has no inline event handler`);
		}
		const token = await dev.app.inject({ method: "POST", url: "/playground/register-token", payload: { username: "ada" } });
		assert.match(token.json().token, /^register_/);
	});
});
