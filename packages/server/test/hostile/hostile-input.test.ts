import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { type Actor, actor, ORIGIN, RP_ID, SoftAuthenticator, send } from "./hostile-harness.ts";

/** Malformed input of every kind: every answer is a 4xx problem with a useful title, never a 5xx. */
describe("malformed input over real HTTP", () => {
	let server: ServerProcess;
	let shop: Actor;
	let authenticator: SoftAuthenticator;
	/** A fresh, valid registration (sessions are single-use: a malformed attempt consumes one too). */
	let freshRegistration: () => Promise<{ session: string; response: Record<string, unknown> }>;
	/** A fresh, valid sign-in. */
	let freshSignIn: () => Promise<{ session: string; response: Record<string, unknown> }>;

	before(async () => {
		server = await startServer({ env: { LATCHKEY_BODY_LIMIT_BYTES: "65536" } });
		shop = actor(server, await server.createApp({ appId: "shop", rpId: RP_ID, origins: [ORIGIN] }));
		authenticator = new SoftAuthenticator();
		await shop.register("u1", authenticator);
		let n = 0;
		freshRegistration = async () => {
			const begin = await shop.beginRegistration(`new-${n++}`);
			const response = new SoftAuthenticator().createCredential(begin.data as never, { origin: ORIGIN });
			return { session: begin.session, response: response as unknown as Record<string, unknown> };
		};
		freshSignIn = async () => {
			const begin = await shop.beginSignIn({ userId: "u1" });
			const response = authenticator.getAssertion(begin.data as never, { origin: ORIGIN });
			return { session: begin.session, response: response as unknown as Record<string, unknown> };
		};
	});
	after(async () => {
		await server?.stop();
		server?.cleanup();
	});

	/** A complete call whose authenticator response has one member replaced. */
	const breakSignIn = async (member: string, value: string) => {
		const { session, response } = await freshSignIn();
		const inner = { ...(response.response as Record<string, unknown>), [member]: value };
		return {
			path: "/signin/complete",
			init: { key: shop.app.apiKey, body: { session, ...shop.party, response: { ...response, response: inner } } },
		};
	};
	const breakRegistration = async (member: string, value: string | ((old: string) => string)) => {
		const { session, response } = await freshRegistration();
		const old = response.response as Record<string, string>;
		const inner = { ...old, [member]: typeof value === "function" ? value(old[member] as string) : value };
		return {
			path: "/register/complete",
			init: { key: shop.app.apiKey, body: { session, ...shop.party, response: { ...response, response: inner } } },
		};
	};
	const nested = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);

	const cases: [string, () => Promise<{ path: string; init: Parameters<typeof send>[2] }>, number, string][] = [
		["invalid JSON", async () => ({ path: "/signin/begin", init: { key: shop.app.apiKey, rawBody: '{"RPID": ' } }), 400, "invalid_json"],
		[
			"a text/plain body",
			async () => ({ path: "/signin/begin", init: { key: shop.app.apiKey, rawBody: "hi", contentType: "text/plain" } }),
			415,
			"unsupported_media_type",
		],
		[
			"a form body",
			async () => ({
				path: "/register/token",
				init: { secret: shop.app.apiSecret, rawBody: "userId=1", contentType: "application/x-www-form-urlencoded" },
			}),
			415,
			"unsupported_media_type",
		],
		[
			"a body over the size limit",
			async () => ({ path: "/signin/begin", init: { key: shop.app.apiKey, rawBody: JSON.stringify({ alias: "x".repeat(70_000) }) } }),
			413,
			"payload_too_large",
		],
		[
			"deeply nested JSON in a string member",
			async () => ({
				path: "/signin/begin",
				init: { key: shop.app.apiKey, rawBody: `{"RPID":"localhost","Origin":"${ORIGIN}","alias":${nested(20_000)}}` },
			}),
			400,
			"invalid_request",
		],
		[
			"deeply nested JSON where an object is expected",
			async () => ({ path: "/signin/complete", init: { key: shop.app.apiKey, rawBody: `{"session":"x","response":${nested(10_000)}}` } }),
			400,
			"invalid_request",
		],
		[
			"a huge string",
			async () => ({ path: "/register/token", init: { secret: shop.app.apiSecret, body: { userId: "u".repeat(20_000), username: "x" } } }),
			400,
			"invalid_request",
		],
		[
			"an object where a string belongs",
			async () => ({ path: "/register/token", init: { secret: shop.app.apiSecret, body: { userId: { $gt: "" }, username: "x" } } }),
			400,
			"invalid_request",
		],
		[
			"an array where an object belongs",
			async () => ({
				path: "/signin/complete",
				init: { key: shop.app.apiKey, body: { session: (await freshSignIn()).session, response: [1, 2], ...shop.party } },
			}),
			400,
			"invalid_request",
		],
		[
			"a string where a boolean belongs",
			async () => ({
				path: "/register/token",
				init: { secret: shop.app.apiSecret, body: { userId: "u", username: "u", discoverable: "maybe" } },
			}),
			400,
			"invalid_request",
		],
		[
			"a number for the session",
			async () => ({
				path: "/signin/complete",
				init: { key: shop.app.apiKey, body: { session: 12345, response: (await freshSignIn()).response, ...shop.party } },
			}),
			400,
			"invalid_token",
		],
		["bad base64url in clientDataJSON", () => breakSignIn("clientDataJSON", "***"), 400, "malformed_response"],
		[
			"client data that is not JSON",
			() => breakSignIn("clientDataJSON", Buffer.from("not json").toString("base64url")),
			400,
			"malformed_response",
		],
		[
			"client data that is JSON null",
			() => breakSignIn("clientDataJSON", Buffer.from("null").toString("base64url")),
			400,
			"malformed_response",
		],
		["truncated authenticator data", () => breakSignIn("authenticatorData", "SZYN5YgOjGh0NBcP"), 400, "malformed_response"],
		["bad base64 in the signature", () => breakSignIn("signature", "!!"), 400, "malformed_response"],
		[
			"a truncated CBOR attestation object",
			() => breakRegistration("attestationObject", (old) => Buffer.from(old, "base64url").subarray(0, 40).toString("base64url")),
			400,
			"malformed_response",
		],
		[
			"an oversized CBOR attestation object of garbage",
			() => breakRegistration("attestationObject", Buffer.alloc(40_000, 0xbf).toString("base64url")),
			400,
			"malformed_response",
		],
		[
			"CBOR that is not a map",
			() => breakRegistration("attestationObject", Buffer.from([0x83, 1, 2, 3]).toString("base64url")),
			400,
			"malformed_response",
		],
		[
			"an id that differs from rawId",
			async () => {
				const { session, response } = await freshRegistration();
				return {
					path: "/register/complete",
					init: { key: shop.app.apiKey, body: { session, ...shop.party, response: { ...response, id: "AAAA" } } },
				};
			},
			400,
			"malformed_response",
		],
		["a GET on a POST route", async () => ({ path: "/signin/begin", init: { key: shop.app.apiKey, method: "GET" } }), 404, "not_found"],
		[
			"a query with a non-numeric page",
			async () => ({ path: "/events?pageNumber=abc", init: { secret: shop.app.apiSecret, method: "GET" } }),
			400,
			"invalid_request",
		],
	];

	for (const [name, make, status, code] of cases) {
		it(`answers ${name} with ${status} ${code}`, async () => {
			const { path, init } = await make();
			const answer = await send(server, path, init);
			assert.equal(answer.status, status, answer.text.slice(0, 300));
			assert.equal(answer.contentType, "application/problem+json");
			assert.equal(answer.body.errorCode, code, answer.text.slice(0, 300));
			assert.ok(typeof answer.body.title === "string" && answer.body.title.length > 5);
		});
	}

	it("ignores a deeply nested unknown member, as it ignores every unknown member", async () => {
		const rawBody = `{"RPID":"localhost","Origin":"${ORIGIN}","x":${nested(20_000)}}`;
		assert.equal((await send(server, "/signin/begin", { key: shop.app.apiKey, rawBody })).status, 200);
	});

	it("is still healthy after all of that", async () => {
		assert.equal((await send(server, "/health/storage", { method: "GET" })).status, 200);
		assert.doesNotMatch(server.logs(), /"level":50/, "no error was logged (no 5xx path was taken)");
	});
});
