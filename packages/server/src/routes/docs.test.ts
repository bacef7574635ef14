import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createHarness } from "../../test/support/in-process.ts";

describe("GET /openapi.json and /docs", () => {
	it("serves a valid OpenAPI 3.1 document that lists every API route with its key", async () => {
		const h = await createHarness();
		const res = await h.app.inject({ method: "GET", url: "/openapi.json" });
		assert.equal(res.statusCode, 200);
		const spec = res.json();
		const result = await new Validator().validate(spec);
		assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
		assert.equal(spec.openapi, "3.1.0");

		const documented = new Set<string>();
		for (const [path, methods] of Object.entries(
			spec.paths as Record<string, Record<string, { summary?: string; security?: unknown[] }>>,
		)) {
			for (const [method, op] of Object.entries(methods)) {
				documented.add(`${method.toUpperCase()} ${path}`);
				assert.ok(op.summary, `${method} ${path} has a summary`);
				assert.ok(Array.isArray(op.security), `${method} ${path} declares its key`);
			}
		}
		const routes = h.routes
			.filter((r) => !["HEAD", "OPTIONS"].includes(r.split(" ")[0] as string))
			.filter((r) => !/ \/(openapi\.json|docs)?$/.test(r))
			// The Cognito front door (POST /, the pools' JWKS) speaks AWS's protocol, documented in docs/cognito.md.
			.filter((r) => !r.includes("/.well-known/"));
		assert.ok(routes.length >= 24, `found ${routes.length} routes`);
		const missing = routes.filter((r) => !documented.has(r));
		assert.deepEqual(missing, [], "every route is in the OpenAPI document");
		assert.deepEqual(spec.paths["/signin/begin"].post.security, [{ ApiKey: [] }]);
		assert.deepEqual(spec.paths["/users/list"].get.security, [{ ApiSecret: [] }]);
	});

	it("renders the document as a page without scripts", async () => {
		const h = await createHarness();
		const page = await h.app.inject({ method: "GET", url: "/docs" });
		assert.equal(page.statusCode, 200);
		assert.match(page.headers["content-type"] as string, /^text\/html/);
		assert.match(page.body, /\/register\/token/);
		assert.match(page.body, /\/auth-configs\/delete/);
		assert.doesNotMatch(page.body, /<script/);
	});
});
