import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildClientDataJSON } from "@latchkey/testing";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { beginSignIn, createHarness, type Harness, ORIGIN, RP_ID, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";

const RELATED = "https://shop.example.co.uk";
const EMBEDDER = "https://partner.example.net";

/** Registers through an origin, with optional client-data overrides (crossOrigin, topOrigin). */
async function registerFrom(
	h: Harness,
	origin: string,
	clientData: { crossOrigin?: boolean; topOrigin?: string } = {},
): Promise<{ status: number; errorCode?: string }> {
	const token = await h.sec("/register/token", { userId: `u${Math.random()}`, username: "u" });
	const begin = await h.pub("/register/begin", { token: token.json().token, RPID: RP_ID, Origin: origin });
	if (begin.statusCode !== 200) return { status: begin.statusCode, errorCode: begin.json().errorCode };
	const response = new SoftAuthenticator().createCredential(begin.json().data, { origin, clientData });
	const complete = await h.pub("/register/complete", { session: begin.json().session, response, RPID: RP_ID, Origin: origin });
	return complete.statusCode === 200 ? { status: 200 } : { status: complete.statusCode, errorCode: complete.json().errorCode };
}

describe("related origins", () => {
	it("lets a listed related origin register and sign in, and refuses it before it is listed", async () => {
		const h = await createHarness();
		assert.deepEqual(await registerFrom(h, RELATED), { status: 400, errorCode: "origin_not_allowed" });
		assert.equal((await h.sec("/apps/features", { relatedOrigins: [RELATED] })).statusCode, 204);
		assert.deepEqual(await registerFrom(h, RELATED), { status: 200 });
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "ada", authenticator, origin: RELATED });
		const begin = await h.pub("/signin/begin", { userId: "ada", RPID: RP_ID, Origin: RELATED });
		assert.equal(begin.statusCode, 200);
		const assertion = authenticator.getAssertion(begin.json().data, { origin: RELATED });
		const complete = await h.pub("/signin/complete", { session: begin.json().session, response: assertion, RPID: RP_ID, Origin: RELATED });
		assert.equal(complete.statusCode, 200, complete.body);
	});

	it("serves the app's /.well-known/webauthn document without a key, cacheable, and 404 for an unknown app", async () => {
		const h = await createHarness({ origins: [ORIGIN, "android:apk-key-hash:abc"] });
		await h.sec("/apps/features", { relatedOrigins: [RELATED, "https://shop.example.de"] });
		const res = await h.app.inject({ method: "GET", url: "/apps/shop/.well-known/webauthn" });
		assert.equal(res.statusCode, 200);
		assert.match(String(res.headers["content-type"]), /^application\/json/);
		assert.equal(res.headers["cache-control"], "public, max-age=300");
		assert.deepEqual(res.json(), { origins: [ORIGIN, RELATED, "https://shop.example.de"] });
		assertProblem(await h.app.inject({ method: "GET", url: "/apps/nosuchapp/.well-known/webauthn" }), 404, "app_not_found");
		assertProblem(await h.app.inject({ method: "GET", url: "/apps/..%2F/.well-known/webauthn" }), 404, "app_not_found");
	});

	it("checks the lists in /apps/features and reads them back with GET /apps/features", async () => {
		const h = await createHarness();
		assertProblem(await h.sec("/apps/features", { relatedOrigins: ["http://shop.example.org"] }), 400, "invalid_argument");
		assertProblem(await h.sec("/apps/features", { relatedOrigins: ["https://shop.example.org/login"] }), 400, "invalid_argument");
		assertProblem(await h.sec("/apps/features", { allowedTopOrigins: ["android:apk-key-hash:x"] }), 400, "invalid_argument");
		await h.sec("/apps/features", { relatedOrigins: ["https://SHOP.example.org:443"], allowedTopOrigins: [EMBEDDER] });
		const features = (await h.get("/apps/features")).json();
		assert.deepEqual(features.relatedOrigins, ["https://shop.example.org"]);
		assert.deepEqual(features.allowedTopOrigins, [EMBEDDER]);
		assert.equal(features.attestationMode, "permissive");
		assert.equal(features.enableManuallyGeneratedAuthenticationTokens, true);
		assertProblem(
			await h.app.inject({ method: "GET", url: "/apps/features", headers: { ApiKey: h.keys.apiKey } }),
			401,
			"invalid_api_secret",
		);
	});
});

describe("embedded ceremonies (topOrigin)", () => {
	it("refuses a cross-origin iframe by default, accepts a listed top origin, and refuses crossOrigin without topOrigin", async () => {
		const h = await createHarness();
		assert.deepEqual(await registerFrom(h, ORIGIN, { crossOrigin: true, topOrigin: EMBEDDER }), {
			status: 400,
			errorCode: "top_origin_not_allowed",
		});
		await h.sec("/apps/features", { allowedTopOrigins: [EMBEDDER] });
		assert.deepEqual(await registerFrom(h, ORIGIN, { crossOrigin: true, topOrigin: EMBEDDER }), { status: 200 });
		assert.deepEqual(await registerFrom(h, ORIGIN, { crossOrigin: true, topOrigin: "https://evil.example" }), {
			status: 400,
			errorCode: "top_origin_not_allowed",
		});
		assert.deepEqual(await registerFrom(h, ORIGIN, { crossOrigin: true }), { status: 400, errorCode: "top_origin_not_allowed" });
		assert.deepEqual(await registerFrom(h, ORIGIN), { status: 200 }, "same-origin ceremonies are unaffected");
	});

	it("applies to sign-in too", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "ada", authenticator });
		const signIn = async (topOrigin: string) => {
			const { data, session } = await beginSignIn(h, { userId: "ada" });
			const assertion = authenticator.getAssertion(data as never, { origin: ORIGIN, clientData: { crossOrigin: true, topOrigin } });
			return h.pub("/signin/complete", { session, response: assertion, RPID: RP_ID, Origin: ORIGIN });
		};
		assertProblem(await signIn(EMBEDDER), 400, "top_origin_not_allowed");
		await h.sec("/apps/features", { allowedTopOrigins: [EMBEDDER] });
		assert.equal((await signIn(EMBEDDER)).statusCode, 200);
	});

	it("builds client data with topOrigin as browsers do", () => {
		const json = new TextDecoder().decode(
			buildClientDataJSON({ type: "webauthn.get", challenge: "c", origin: ORIGIN, crossOrigin: true, topOrigin: EMBEDDER }),
		);
		assert.equal(json, `{"type":"webauthn.get","challenge":"c","origin":"${ORIGIN}","crossOrigin":true,"topOrigin":"${EMBEDDER}"}`);
	});
});
