import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { fakePasskeyBackend } from "../test/fake-passkey-backend.ts";
import type { CognitoLogin } from "./cognito-login.ts";
import { createDemoServer } from "./create-demo-server.ts";
import { DemoError } from "./demo-error.ts";
import { createDemoStore } from "./demo-store.ts";
import { createSessionManager } from "./session-manager.ts";

/** A pool that knows one session and one credential, and signs "ID tokens" as `id:<username>`. */
function fakeCognito(calls: unknown[]): CognitoLogin {
	return {
		async begin(username) {
			calls.push({ begin: username });
			return { session: "s1", username, options: JSON.stringify({ challenge: "AQID", allowCredentials: [] }) };
		},
		async respond(input) {
			calls.push({ respond: input });
			if (input.session !== "s1") throw new DemoError("invalid_token", 401, "The sign-in was not accepted (NotAuthorizedException).");
			return `id:${input.username ?? "ada@example.com"}`;
		},
		async verifyIdToken(token) {
			if (!token.startsWith("id:")) throw new DemoError("invalid_token", 401, "The ID token is not valid for this pool.");
			return { username: token.slice(3), sub: "sub-1" };
		},
	};
}

describe("the demo's Cognito log in routes", () => {
	const calls: unknown[] = [];
	const store = createDemoStore(null);
	let server: Server;
	let origin: string;

	before(async () => {
		const clock = new Date("2025-06-01T12:00:00Z");
		store.createUser({ email: "ada@example.com", name: "Ada", now: clock });
		const app = createDemoServer({
			latchkey: fakePasskeyBackend(() => clock),
			store,
			sessions: createSessionManager({ secret: "a-test-secret-that-is-long-enough-1234", ttlSeconds: 3600 }),
			publicConfig: { apiUrl: "http://localhost:4000", apiKey: "demo:public:0123", signin: "cognito" },
			cognito: fakeCognito(calls),
			staticDir: null,
			now: () => clock,
			log: () => {},
		});
		server = app.listen(0, "127.0.0.1");
		await new Promise((resolve) => server.once("listening", resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	after(() => {
		server.closeAllConnections();
		server.close();
	});

	const post = async (path: string, body: unknown, cookie?: string) => {
		const res = await fetch(`${origin}${path}`, {
			method: "POST",
			headers: { origin, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
			body: JSON.stringify(body),
		});
		return { status: res.status, body: (await res.json()) as Record<string, unknown>, cookie: res.headers.get("set-cookie") ?? "" };
	};

	it("tells the front end to use the Cognito flow", async () => {
		const config = (await (await fetch(`${origin}/api/config`)).json()) as { signin: string };
		assert.equal(config.signin, "cognito");
	});

	it("starts by username (lower-cased) or usernameless, and refuses a malformed e-mail", async () => {
		const begun = await post("/api/cognito/begin", { email: " Ada@Example.com " });
		assert.equal(begun.status, 200);
		assert.deepEqual(begun.body, { session: "s1", username: "ada@example.com", options: '{"challenge":"AQID","allowCredentials":[]}' });
		assert.equal((await post("/api/cognito/begin", {})).body.username, null);
		assert.deepEqual(calls.slice(0, 2), [{ begin: "ada@example.com" }, { begin: null }]);
		const bad = await post("/api/cognito/begin", { email: "ada@" });
		assert.equal(bad.status, 400);
		assert.equal((bad.body.error as { code: string }).code, "invalid_input");
	});

	it("answers the challenge, then starts the session from the verified ID token", async () => {
		const credential = { id: "cred", rawId: "cred", type: "public-key", response: {} };
		const answered = await post("/api/cognito/respond", { session: "s1", username: "ada@example.com", credential });
		assert.equal(answered.status, 200);
		assert.equal(answered.body.token, "id:ada@example.com");
		const signedIn = await post("/api/signin", { token: answered.body.token });
		assert.equal(signedIn.status, 200);
		assert.equal((signedIn.body.user as { email: string }).email, "ada@example.com");
		const me = await fetch(`${origin}/api/me`, { headers: { cookie: signedIn.cookie.split(";")[0] ?? "" } });
		assert.equal(me.status, 200);
	});

	it("refuses a wrong session, a bad ID token, an unknown account and a body without a credential", async () => {
		const wrong = await post("/api/cognito/respond", { session: "nope", username: null, credential: { id: "x" } });
		assert.equal(wrong.status, 401);
		assert.equal((wrong.body.error as { code: string }).code, "invalid_token");
		assert.equal((await post("/api/signin", { token: "eyJ-forged" })).status, 401);
		const stranger = await post("/api/signin", { token: "id:nobody@example.com" });
		assert.equal((stranger.body.error as { code: string }).code, "unknown_account");
		assert.equal((await post("/api/cognito/respond", { session: "s1" })).status, 400);
	});
});
