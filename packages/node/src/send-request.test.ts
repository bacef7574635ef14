import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { empty, fakeFetch, json, problem } from "../test/support/fake-fetch.ts";
import { LatchkeyError } from "./latchkey-error.ts";
import { type RequestConfig, sendRequest } from "./send-request.ts";

const config = (fetch: RequestConfig["fetch"], overrides: Partial<RequestConfig> = {}): RequestConfig => ({
	baseUrl: "http://latchkey.test",
	apiSecret: "shop:secret:0123456789abcdef0123456789abcdef",
	fetch,
	timeoutMs: 100,
	retries: 2,
	...overrides,
});

const GET = { method: "GET", path: "/users/count" } as const;
const POST = { method: "POST", path: "/users/delete", body: { userId: "42" } } as const;

describe("sendRequest", () => {
	describe("retries", () => {
		it("retries a GET after a network error, a timeout and a 503, then succeeds", async () => {
			const fake = fakeFetch(new TypeError("fetch failed"), "hang", problem(503, "service_unavailable"), json(200, { count: 1 }));
			const result = await sendRequest(config(fake.fetch, { retries: 3, timeoutMs: 50 }), GET);
			assert.deepEqual(result, { status: 200, body: { count: 1 } });
			assert.equal(fake.requests.length, 4);
		});

		it("tries a GET retries + 1 times and throws the last error", async () => {
			const fake = fakeFetch(new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }));
			await assert.rejects(sendRequest(config(fake.fetch), GET), { errorCode: "invalid_response", status: 502 });
			assert.equal(fake.requests.length, 3);
		});

		it("retries a GET on 504 but not on 500 or 4xx", async () => {
			for (const [status, calls] of [
				[504, 2],
				[500, 1],
				[404, 1],
				[429, 1],
			] as const) {
				const fake = fakeFetch(problem(status, "x"));
				await assert.rejects(sendRequest(config(fake.fetch, { retries: 1 }), GET), { status });
				assert.equal(fake.requests.length, calls, `status ${status}`);
			}
		});

		it("never retries a POST, whatever the failure", async () => {
			for (const answer of [new TypeError("fetch failed"), "hang" as const, problem(503, "service_unavailable"), problem(502, null)]) {
				const fake = fakeFetch(answer, empty(200));
				await assert.rejects(sendRequest(config(fake.fetch, { timeoutMs: 30 }), POST), LatchkeyError);
				assert.equal(fake.requests.length, 1);
			}
		});

		it("does not retry with retries: 0", async () => {
			const fake = fakeFetch(new TypeError("fetch failed"), json(200, {}));
			await assert.rejects(sendRequest(config(fake.fetch, { retries: 0 }), GET), { errorCode: "network_error" });
			assert.equal(fake.requests.length, 1);
		});
	});

	describe("timeouts", () => {
		it("aborts the fetch through its signal and throws timeout with status 0", async () => {
			const fake = fakeFetch("hang");
			const started = performance.now();
			const error = await sendRequest(config(fake.fetch, { retries: 0, timeoutMs: 40 }), GET).catch((e: unknown) => e);
			assert.ok(error instanceof LatchkeyError);
			assert.equal(error.errorCode, "timeout");
			assert.equal(error.status, 0);
			assert.match(error.detail ?? "", /40 ms/);
			assert.equal(fake.requests[0]?.signal?.aborted, true);
			assert.ok(performance.now() - started < 1000);
		});

		it("times out a fetch that ignores the signal", async () => {
			const never: RequestConfig["fetch"] = () => new Promise<Response>(() => {});
			await assert.rejects(sendRequest(config(never, { retries: 0, timeoutMs: 30 }), GET), { errorCode: "timeout" });
		});

		it("times out a body that never finishes", async () => {
			const stalled = new Response(new ReadableStream({ start: () => {} }), {
				status: 200,
				headers: { "content-type": "application/json" },
			});
			const fetch: RequestConfig["fetch"] = async () => stalled;
			await assert.rejects(sendRequest(config(fetch, { retries: 0, timeoutMs: 30 }), GET), { errorCode: "timeout" });
		});
	});

	describe("network errors", () => {
		it("map to network_error with status 0, the innermost reason and the cause", async () => {
			const cause = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
			const fake = fakeFetch(cause);
			const error = await sendRequest(config(fake.fetch, { retries: 0 }), GET).catch((e: unknown) => e);
			assert.ok(error instanceof LatchkeyError);
			assert.equal(error.errorCode, "network_error");
			assert.equal(error.status, 0);
			assert.equal(error.cause, cause);
			assert.match(error.detail ?? "", /GET http:\/\/latchkey\.test\/users\/count failed: connect ECONNREFUSED/);
		});
	});

	describe("answers", () => {
		it("return undefined for 204 and for an empty 200", async () => {
			for (const answer of [empty(204), empty(200), new Response(null, { status: 201 })]) {
				const fake = fakeFetch(answer);
				assert.equal((await sendRequest(config(fake.fetch), POST)).body, undefined);
			}
		});

		it("throw invalid_response for a 200 that is not JSON", async () => {
			const fake = fakeFetch(new Response("OK", { status: 200, headers: { "content-type": "text/plain" } }));
			await assert.rejects(sendRequest(config(fake.fetch), POST), { errorCode: "invalid_response", status: 200 });
		});

		it("read problem details from application/problem+json and application/json errors", async () => {
			for (const contentType of ["application/problem+json", "application/json; charset=utf-8"]) {
				const body = { title: "An alias is already in use by another user.", status: 409, errorCode: "alias_conflict" };
				const fake = fakeFetch(json(409, body, contentType));
				await assert.rejects(sendRequest(config(fake.fetch), POST), { errorCode: "alias_conflict", status: 409, problem: body });
			}
		});

		it("throw invalid_response for an error answer that is not JSON", async () => {
			const fake = fakeFetch(new Response("Internal Server Error", { status: 500, headers: { "content-type": "text/plain" } }));
			const error = await sendRequest(config(fake.fetch), POST).catch((e: unknown) => e);
			assert.ok(error instanceof LatchkeyError);
			assert.equal(error.errorCode, "invalid_response");
			assert.equal(error.status, 500);
			assert.equal(error.problem, undefined);
			assert.match(error.detail ?? "", /HTTP 500 with a text\/plain/);
		});
	});
});
