import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { type Actor, type Answer, actor, ORIGIN, RP_ID, SoftAuthenticator, send } from "./hostile-harness.ts";

/**
 * The hostile ceremony suite (issue: hardening): each case starts from an otherwise valid ceremony made by the
 * software authenticator and breaks exactly one thing; the server must refuse it with the case's status and code.
 */
interface Case {
	name: string;
	status: number;
	code: string;
	run(shop: Actor, other: Actor): Promise<Answer>;
}

function assertRefused(answer: Answer, status: number, code: string): void {
	assert.equal(answer.status, status, answer.text);
	assert.equal(answer.contentType, "application/problem+json");
	assert.equal(answer.body.errorCode, code, answer.text);
	assert.equal(typeof answer.body.title, "string");
}

const signInCases: Case[] = [];
const registrationCases: Case[] = [];

/** Registers a user with a fresh authenticator, begins a sign-in, and completes it with one thing changed. */
function signInCase(
	name: string,
	expected: [number, string],
	change: {
		call?: Record<string, unknown>;
		begin?: Record<string, unknown>;
		body?: Record<string, unknown>;
		mutate?: (response: Record<string, unknown>) => void;
	},
): void {
	signInCases.push({
		name,
		status: expected[0],
		code: expected[1],
		async run(shop) {
			const authenticator = new SoftAuthenticator();
			const userId = `u-${signInCases.findIndex((c) => c.name === name)}`;
			await shop.register(userId, authenticator);
			const { data, session } = await shop.beginSignIn({ userId, ...change.begin });
			const response = authenticator.getAssertion(data as never, { origin: ORIGIN, ...change.call }) as unknown as Record<string, unknown>;
			change.mutate?.(response);
			return shop.pub("/signin/complete", { session, response, ...shop.party, ...change.body });
		},
	});
}

signInCase("a challenge other than the session's", [400, "challenge_mismatch"], {
	call: { clientData: { challenge: "AAAAAAAAAAAAAAAAAAAAAA" } },
});
signInCase("the registration ceremony type", [400, "wrong_ceremony_type"], { call: { clientData: { type: "webauthn.create" } } });
signInCase("a look-alike origin (localhost:8080.evil.io)", [400, "origin_not_allowed"], {
	call: { clientData: { origin: "http://localhost:8080.evil.io" } },
	body: { Origin: "http://localhost:8080.evil.io" },
});
signInCase("https instead of http", [400, "origin_not_allowed"], {
	call: { clientData: { origin: "https://localhost:8080" } },
	body: { Origin: "https://localhost:8080" },
});
signInCase("another port", [400, "origin_not_allowed"], {
	call: { clientData: { origin: "http://localhost:8081" } },
	body: { Origin: "http://localhost:8081" },
});
signInCase("a trailing slash on the origin", [400, "origin_not_allowed"], {
	call: { clientData: { origin: "http://localhost:8080/" } },
	body: { Origin: "http://localhost:8080/" },
});
signInCase("client data from another allowed origin than the request's", [400, "origin_mismatch"], {
	call: { clientData: { origin: "http://localhost:9090" } },
});
signInCase("a request RPID other than the app's", [400, "rp_id_not_allowed"], { body: { RPID: "evil.example" } });
signInCase("an RP ID hash for another site", [400, "rp_id_hash_mismatch"], { call: { rpId: "evil.example" } });
signInCase("no user presence", [400, "user_presence_required"], { call: { flags: { up: false } } });
signInCase("no user verification when the purpose requires it", [400, "user_verification_required"], {
	begin: { purpose: "strict" },
	call: { flags: { uv: false } },
});
signInCase("a userHandle of another user", [400, "user_handle_mismatch"], {
	call: { userHandle: Buffer.from("mallory").toString("base64url") },
});
signInCase("one flipped bit in the signed authenticator data", [400, "invalid_signature"], {
	mutate: (r) => {
		const response = r.response as Record<string, string>;
		const bytes = Buffer.from(response.authenticatorData as string, "base64url");
		bytes[36] = (bytes[36] ?? 0) ^ 0x01;
		response.authenticatorData = bytes.toString("base64url");
	},
});
signInCase("one flipped bit in the signature", [400, "invalid_signature"], {
	mutate: (r) => {
		const response = r.response as Record<string, string>;
		const bytes = Buffer.from(response.signature as string, "base64url");
		bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
		response.signature = bytes.toString("base64url");
	},
});

signInCases.push(
	{
		name: "a counter lower than the stored one (a cloned authenticator)",
		status: 400,
		code: "counter_regression",
		async run(shop) {
			const authenticator = new SoftAuthenticator();
			await shop.register("cloned", authenticator);
			const first = await shop.beginSignIn({ userId: "cloned" });
			const ok = await shop.pub("/signin/complete", {
				session: first.session,
				response: authenticator.getAssertion(first.data as never, { origin: ORIGIN, signCount: 5 }),
				...shop.party,
			});
			assert.equal(ok.status, 200, ok.text);
			const { data, session } = await shop.beginSignIn({ userId: "cloned" });
			return shop.pub("/signin/complete", {
				session,
				response: authenticator.getAssertion(data as never, { origin: ORIGIN, signCount: 3 }),
				...shop.party,
			});
		},
	},
	{
		name: "a reused session",
		status: 400,
		code: "invalid_token",
		async run(shop) {
			const authenticator = new SoftAuthenticator({ fixedSignCount: 0 });
			await shop.register("reuse", authenticator);
			const { data, session } = await shop.beginSignIn({ userId: "reuse" });
			const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
			assert.equal((await shop.pub("/signin/complete", { session, response, ...shop.party })).status, 200);
			return shop.pub("/signin/complete", { session, response, ...shop.party });
		},
	},
	{
		name: "an expired session",
		status: 403,
		code: "expired_token",
		async run(shop) {
			const authenticator = new SoftAuthenticator();
			await shop.register("late", authenticator);
			const { data, session } = await shop.beginSignIn({ userId: "late" });
			const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
			await new Promise((resolve) => setTimeout(resolve, 2_200));
			return shop.pub("/signin/complete", { session, response, ...shop.party });
		},
	},
	{
		name: "a session of another app",
		status: 400,
		code: "invalid_token",
		async run(shop, other) {
			const authenticator = new SoftAuthenticator();
			await shop.register("cross", authenticator);
			const { data, session } = await other.beginSignIn({});
			const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
			return shop.pub("/signin/complete", { session, response, ...shop.party });
		},
	},
	{
		name: "an unknown credential",
		status: 400,
		code: "unknown_credential",
		async run(shop) {
			const stranger = new SoftAuthenticator();
			const { data: creation } = await shop.beginRegistration("never-completed");
			stranger.createCredential(creation as never, { origin: ORIGIN });
			const { data, session } = await shop.beginSignIn({});
			return shop.pub("/signin/complete", { session, response: stranger.getAssertion(data as never, { origin: ORIGIN }), ...shop.party });
		},
	},
	{
		name: "a credential of another app",
		status: 400,
		code: "unknown_credential",
		async run(shop, other) {
			const authenticator = new SoftAuthenticator();
			await other.register("theirs", authenticator);
			const { data, session } = await shop.beginSignIn({});
			return shop.pub("/signin/complete", {
				session,
				response: authenticator.getAssertion(data as never, { origin: ORIGIN }),
				...shop.party,
			});
		},
	},
	{
		name: "a credential outside a non-empty allowCredentials",
		status: 400,
		code: "credential_not_allowed",
		async run(shop) {
			await shop.register("alice", new SoftAuthenticator());
			const mallory = new SoftAuthenticator();
			await shop.register("mallory", mallory);
			const { data, session } = await shop.beginSignIn({ userId: "alice" });
			const response = mallory.getAssertion({ ...data, allowCredentials: [] } as never, { origin: ORIGIN });
			return shop.pub("/signin/complete", { session, response, ...shop.party });
		},
	},
	{
		name: "a signature made over another challenge",
		status: 400,
		code: "invalid_signature",
		async run(shop) {
			const authenticator = new SoftAuthenticator();
			await shop.register("replayer", authenticator);
			const first = await shop.beginSignIn({ userId: "replayer" });
			const second = await shop.beginSignIn({ userId: "replayer" });
			const a = authenticator.getAssertion(first.data as never, { origin: ORIGIN });
			const b = authenticator.getAssertion(second.data as never, { origin: ORIGIN, signCount: 50 });
			const forged = { ...b, response: { ...b.response, signature: a.response.signature } };
			return shop.pub("/signin/complete", { session: second.session, response: forged, ...shop.party });
		},
	},
);

/** Begins a registration and completes it with one thing changed. */
function registrationCase(
	name: string,
	expected: [number, string],
	change: { call?: Record<string, unknown>; tokenBody?: Record<string, unknown>; crafted?: Record<string, unknown> },
): void {
	registrationCases.push({
		name,
		status: expected[0],
		code: expected[1],
		async run(shop) {
			const userId = `r-${registrationCases.findIndex((c) => c.name === name)}`;
			const { data, session } = await shop.beginRegistration(userId, change.tokenBody);
			const response = change.crafted
				? shop.crafted(data, { origin: ORIGIN, ...change.crafted })
				: new SoftAuthenticator().createCredential(data as never, { origin: ORIGIN, ...change.call });
			return shop.pub("/register/complete", { session, response, ...shop.party });
		},
	});
}

registrationCase("a challenge other than the session's", [400, "challenge_mismatch"], {
	call: { clientData: { challenge: "AAAAAAAAAAAAAAAAAAAAAA" } },
});
registrationCase("the sign-in ceremony type", [400, "wrong_ceremony_type"], { call: { clientData: { type: "webauthn.get" } } });
registrationCase("client data from another origin than the request's", [400, "origin_mismatch"], {
	call: { clientData: { origin: "http://localhost:9090" } },
});
registrationCase("an RP ID hash for another site", [400, "rp_id_hash_mismatch"], { call: { rpId: "evil.example" } });
registrationCase("no user presence", [400, "user_presence_required"], { call: { flags: { up: false } } });
registrationCase("no user verification when required", [400, "user_verification_required"], {
	tokenBody: { userVerification: "required" },
	call: { flags: { uv: false } },
});
registrationCase("backup state without backup eligibility", [400, "invalid_backup_flags"], { call: { flags: { be: false, bs: true } } });
registrationCase("an unsupported algorithm (ES256K)", [400, "unsupported_algorithm"], { crafted: { claimAlgorithm: "ES256K" } });
registrationCase("a packed attestation signed by another key", [400, "fido2_invalid_registration"], {
	crafted: { packedSignedByOtherKey: true },
});
registrationCase("a 'none' attestation with a statement", [400, "fido2_invalid_registration"], { crafted: { noneWithStatement: true } });
registrationCases.push({
	name: "a credential id already registered in this app",
	status: 409,
	code: "credential_already_registered",
	async run(shop) {
		const credentialId = new Uint8Array(32).fill(42);
		const first = await shop.beginRegistration("first-owner");
		const ok = await shop.pub("/register/complete", {
			session: first.session,
			response: shop.crafted(first.data, { origin: ORIGIN, credentialId }),
			...shop.party,
		});
		assert.equal(ok.status, 200, ok.text);
		const second = await shop.beginRegistration("second-owner");
		return shop.pub("/register/complete", {
			session: second.session,
			response: shop.crafted(second.data, { origin: ORIGIN, credentialId }),
			...shop.party,
		});
	},
});

describe("hostile ceremonies over real HTTP", () => {
	let server: ServerProcess;
	let shop: Actor;
	let other: Actor;

	before(async () => {
		server = await startServer({ env: { LATCHKEY_SESSION_TTL_SECONDS: "2" } });
		shop = actor(server, await server.createApp({ appId: "shop", rpId: RP_ID, origins: [ORIGIN, "http://localhost:9090"] }));
		other = actor(server, await server.createApp({ appId: "other", rpId: RP_ID, origins: [ORIGIN] }));
		const strict = await send(server, "/auth-configs/add", {
			secret: shop.app.apiSecret,
			body: { purpose: "strict", userVerificationRequirement: "required", performedBy: "test" },
		});
		assert.equal(strict.status, 201, strict.text);
	});
	after(async () => {
		await server?.stop();
		server?.cleanup();
	});

	for (const c of signInCases) {
		it(`refuses a sign-in with ${c.name} (${c.status} ${c.code})`, async () => {
			assertRefused(await c.run(shop, other), c.status, c.code);
		});
	}
	for (const c of registrationCases) {
		it(`refuses a registration with ${c.name} (${c.status} ${c.code})`, async () => {
			assertRefused(await c.run(shop, other), c.status, c.code);
		});
	}

	it("has as many cases as the hardening issue lists (sanity)", () => {
		assert.ok(signInCases.length + registrationCases.length >= 30, `${signInCases.length + registrationCases.length} cases`);
	});
});
