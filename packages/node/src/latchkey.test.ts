import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { empty, fakeFetch, json, problem } from "../test/support/fake-fetch.ts";
import { Latchkey } from "./latchkey.ts";
import { LatchkeyError } from "./latchkey-error.ts";
import type { RegisterOptions } from "./register-options.ts";

const SECRET = "shop:secret:0123456789abcdef0123456789abcdef";
const API = "http://latchkey.test";

const VERIFIED = {
	userId: "42",
	timestamp: "2025-01-01T00:00:00.1234567Z",
	rpId: "shop.example",
	origin: "https://shop.example",
	success: true,
	device: "Chrome, Linux",
	country: "",
	nickname: "Laptop",
	credentialId: "z/8k1o3X3Lq2dQ==",
	purpose: "sign-in",
	expiresAt: "2025-01-01T00:02:00.1234567Z",
	tokenId: "6f1c2b0e-8c8f-4a53-9a57-2a4c9a2b5a10",
	type: "passkey_signin",
};

const CREDENTIAL = {
	descriptor: { type: "public-key", id: "AAEC" },
	publicKey: "pQECAyYgAQ==",
	userHandle: "NDI=",
	signatureCounter: 3,
	attestationFmt: "none",
	createdAt: "2023-04-21T13:33:50.0764103",
	aaGuid: "00000000-0000-0000-0000-000000000000",
	lastUsedAt: null,
	rpid: "shop.example",
	origin: "https://shop.example",
	country: "",
	device: "Chrome, Linux",
	nickname: null,
	userId: "42",
	backupState: false,
	isBackupEligible: false,
	isDiscoverable: true,
};

function client(...answers: Parameters<typeof fakeFetch>): { latchkey: Latchkey; fake: ReturnType<typeof fakeFetch> } {
	const fake = fakeFetch(...answers);
	return { latchkey: new Latchkey({ apiUrl: API, apiSecret: SECRET, fetch: fake.fetch, timeoutMs: 200 }), fake };
}

describe("Latchkey", () => {
	describe("constructor", () => {
		it("rejects a relative or non-http apiUrl and an empty secret", () => {
			assert.throws(() => new Latchkey({ apiUrl: "localhost:4000", apiSecret: SECRET }), TypeError);
			assert.throws(() => new Latchkey({ apiUrl: "ftp://x", apiSecret: SECRET }), TypeError);
			assert.throws(() => new Latchkey({ apiUrl: API, apiSecret: " " }), TypeError);
		});

		it("rejects a timeoutMs that is not positive and retries that are not a whole number", () => {
			for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
				assert.throws(() => new Latchkey({ apiUrl: API, apiSecret: SECRET, timeoutMs }), RangeError);
			}
			for (const retries of [-1, 1.5, Number.NaN])
				assert.throws(() => new Latchkey({ apiUrl: API, apiSecret: SECRET, retries }), RangeError);
		});

		it("keeps the secret out of inspect and JSON output", () => {
			const latchkey = new Latchkey({ apiUrl: API, apiSecret: SECRET });
			assert.ok(!inspect(latchkey, { depth: 5, showHidden: true }).includes("0123456789abcdef"));
			assert.ok(!JSON.stringify(latchkey).includes("0123456789abcdef"));
		});

		it("joins paths onto an apiUrl with a trailing slash or a path prefix", async () => {
			for (const [apiUrl, expected] of [
				[`${API}/`, `${API}/users/count`],
				[`${API}//`, `${API}/users/count`],
				[`${API}/api`, `${API}/api/users/count`],
				[`${API}/api/`, `${API}/api/users/count`],
			] as const) {
				const fake = fakeFetch(json(200, { count: 1 }));
				await new Latchkey({ apiUrl, apiSecret: SECRET, fetch: fake.fetch }).countUsers();
				assert.equal(fake.requests[0]?.url, expected);
			}
		});
	});

	describe("requests", () => {
		it("send the ApiSecret header, JSON content type and Client-Version on POSTs", async () => {
			const { latchkey, fake } = client(json(200, { token: "register_abc" }));
			await latchkey.createRegisterToken({ userId: "42", username: "ada@example.com" });
			const [request] = fake.requests;
			assert.equal(request?.method, "POST");
			assert.equal(request?.url, `${API}/register/token`);
			assert.equal(request?.headers.apisecret, SECRET);
			assert.equal(request?.headers["content-type"], "application/json");
			assert.match(request?.headers["client-version"] ?? "", /^node-\d+\.\d+\.\d+$/);
			assert.ok(request?.signal instanceof AbortSignal);
		});

		it("send no body and no Content-Type on GETs", async () => {
			const { latchkey, fake } = client(json(200, { values: [] }));
			await latchkey.listUsers();
			assert.equal(fake.requests[0]?.method, "GET");
			assert.equal(fake.requests[0]?.body, undefined);
			assert.equal(fake.requests[0]?.headers["content-type"], undefined);
		});
	});

	describe("createRegisterToken", () => {
		it("posts every option in camelCase and turns a Date expiresAt into ISO-8601", async () => {
			const { latchkey, fake } = client(json(200, { token: "register_abc" }));
			const options: RegisterOptions = {
				userId: "42",
				username: "ada@example.com",
				displayName: "Ada",
				aliases: ["ada@example.com"],
				aliasHashing: false,
				discoverable: false,
				userVerification: "required",
				authenticatorType: "platform",
				hints: ["client-device"],
				attestation: "none",
			};
			const result = await latchkey.createRegisterToken({ ...options, expiresAt: new Date("2030-01-01T00:00:00Z") });
			assert.deepEqual(result, { token: "register_abc" });
			assert.deepEqual(fake.requests[0]?.body, { ...options, expiresAt: "2030-01-01T00:00:00.000Z" });
		});

		it("leaves out options not given and passes a string expiresAt unchanged", async () => {
			const { latchkey, fake } = client(json(200, { token: "register_abc" }));
			await latchkey.createRegisterToken({ userId: "42", username: "ada", expiresAt: "2030-01-01T00:00:00" });
			assert.deepEqual(fake.requests[0]?.body, { userId: "42", username: "ada", expiresAt: "2030-01-01T00:00:00" });
		});

		it("throws invalid_response when the answer has no token", async () => {
			const { latchkey } = client(json(200, { nope: 1 }));
			await assert.rejects(latchkey.createRegisterToken({ userId: "42", username: "ada" }), { errorCode: "invalid_response", status: 200 });
		});
	});

	describe("verifyToken", () => {
		it("posts the token and returns Dates, keeping the raw strings", async () => {
			const { latchkey, fake } = client(json(200, VERIFIED));
			const user = await latchkey.verifyToken("verify_abc");
			assert.deepEqual(fake.requests[0]?.body, { token: "verify_abc" });
			assert.equal(fake.requests[0]?.url, `${API}/signin/verify`);
			assert.equal(user.userId, "42");
			assert.equal(user.success, true);
			assert.deepEqual(user.timestamp, new Date("2025-01-01T00:00:00.123Z"));
			assert.deepEqual(user.expiresAt, new Date("2025-01-01T00:02:00.123Z"));
			assert.equal(user.raw.timestamp, VERIFIED.timestamp);
			assert.deepEqual(user.raw, VERIFIED);
			const { timestamp: _t, expiresAt: _e, raw: _r, ...rest } = user;
			const { timestamp: _wt, expiresAt: _we, ...wire } = VERIFIED;
			assert.deepEqual(rest, wire);
		});

		it("fails closed on an answer without success: true or without a userId", async () => {
			for (const body of [
				{ ...VERIFIED, success: false },
				{ ...VERIFIED, userId: undefined },
				[VERIFIED],
				{ ...VERIFIED, expiresAt: "soon" },
			]) {
				const { latchkey } = client(json(200, body));
				await assert.rejects(latchkey.verifyToken("verify_abc"), { name: "LatchkeyError", errorCode: "invalid_response" });
			}
		});

		it("throws expired_token with status, title, detail and the whole problem", async () => {
			const { latchkey } = client(
				problem(403, "expired_token", { title: "The token has expired.", detail: "2 minutes ago.", traceId: "req_1" }),
			);
			const error = await latchkey.verifyToken("verify_abc").catch((e: unknown) => e);
			assert.ok(error instanceof LatchkeyError);
			assert.equal(error.status, 403);
			assert.equal(error.errorCode, "expired_token");
			assert.equal(error.title, "The token has expired.");
			assert.equal(error.detail, "2 minutes ago.");
			assert.equal(error.problem?.traceId, "req_1");
			assert.equal(error.message, "The token has expired. 2 minutes ago.");
		});
	});

	describe("generateSigninToken", () => {
		it("posts userId, timeToLive and purpose", async () => {
			const { latchkey, fake } = client(json(200, { token: "verify_g" }));
			assert.deepEqual(await latchkey.generateSigninToken({ userId: "42", timeToLive: 600, purpose: "recovery" }), { token: "verify_g" });
			assert.equal(fake.requests[0]?.url, `${API}/signin/generate-token`);
			assert.deepEqual(fake.requests[0]?.body, { userId: "42", timeToLive: 600, purpose: "recovery" });
		});
	});

	describe("aliases", () => {
		it("setAliases posts the set and accepts 204", async () => {
			const { latchkey, fake } = client(empty(204));
			assert.equal(await latchkey.setAliases({ userId: "42", aliases: ["a@x"], hashing: false }), undefined);
			assert.equal(fake.requests[0]?.url, `${API}/alias`);
			assert.deepEqual(fake.requests[0]?.body, { userId: "42", aliases: ["a@x"], hashing: false });
		});

		it("listAliases URL-encodes the userId and returns values", async () => {
			const values = [{ userId: "a b&c=d/é", alias: "hash", plaintext: null, tenant: "shop" }];
			const { latchkey, fake } = client(json(200, { values }));
			assert.deepEqual(await latchkey.listAliases("a b&c=d/é"), values);
			assert.equal(fake.requests[0]?.url, `${API}/alias/list?userId=a+b%26c%3Dd%2F%C3%A9`);
			assert.equal(new URL(fake.requests[0]?.url ?? "").searchParams.get("userId"), "a b&c=d/é");
		});

		it("throws invalid_response when values is not an array", async () => {
			const { latchkey } = client(json(200, { values: {} }));
			await assert.rejects(latchkey.listAliases("42"), { errorCode: "invalid_response" });
		});
	});

	describe("credentials", () => {
		it("listCredentials reads offset-less timestamps as UTC and keeps the other members", async () => {
			const { latchkey, fake } = client(json(200, { values: [CREDENTIAL, { ...CREDENTIAL, lastUsedAt: "2024-01-01T00:00:00Z" }] }));
			const [first, second] = await latchkey.listCredentials("4 2");
			assert.equal(fake.requests[0]?.url, `${API}/credentials/list?userId=4+2`);
			assert.deepEqual(first?.createdAt, new Date("2023-04-21T13:33:50.076Z"));
			assert.equal(first?.lastUsedAt, null);
			assert.deepEqual(second?.lastUsedAt, new Date("2024-01-01T00:00:00Z"));
			assert.equal(first?.descriptor.id, "AAEC");
			assert.equal(first?.rpid, "shop.example");
		});

		it("listCredentials keeps authenticatorName (a Latchkey extension), typed as an optional string", async () => {
			const google = { ...CREDENTIAL, aaGuid: "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4", authenticatorName: "Google Password Manager" };
			const { latchkey } = client(json(200, { values: [google, CREDENTIAL] }));
			const [named, unnamed] = await latchkey.listCredentials("42");
			const name: string | undefined = named?.authenticatorName; // a compile-time check as much as a runtime one
			assert.equal(name, "Google Password Manager");
			assert.equal(unnamed?.authenticatorName, undefined);
		});

		it("deleteCredential posts the id and maps the 404 to credential_not_found", async () => {
			const { latchkey, fake } = client(empty(204), problem(404, "credential_not_found"));
			await latchkey.deleteCredential("AAEC");
			assert.deepEqual(fake.requests[0]?.body, { credentialId: "AAEC" });
			assert.equal(fake.requests[0]?.url, `${API}/credentials/delete`);
			await assert.rejects(latchkey.deleteCredential("AAEC"), { errorCode: "credential_not_found", status: 404 });
			assert.equal(fake.requests.length, 2);
		});
	});

	describe("users", () => {
		it("listUsers returns values with lastUsedAt as a Date", async () => {
			const user = { userId: "42", aliasCount: 1, aliases: [null], credentialsCount: 2, lastUsedAt: "2025-01-01T00:00:00Z" };
			const { latchkey, fake } = client(json(200, { values: [user] }));
			const [summary] = await latchkey.listUsers();
			assert.equal(fake.requests[0]?.url, `${API}/users/list`);
			assert.deepEqual(summary, { ...user, lastUsedAt: new Date("2025-01-01T00:00:00Z") });
		});

		it("countUsers returns the number and refuses a non-number", async () => {
			const { latchkey } = client(json(200, { count: 7 }), json(200, { count: "7" }));
			assert.equal(await latchkey.countUsers(), 7);
			await assert.rejects(latchkey.countUsers(), { errorCode: "invalid_response" });
		});

		it("deleteUser accepts upstream's empty 200", async () => {
			const { latchkey, fake } = client(empty(200));
			assert.equal(await latchkey.deleteUser("42"), undefined);
			assert.deepEqual(fake.requests[0]?.body, { userId: "42" });
			assert.equal(fake.requests[0]?.url, `${API}/users/delete`);
		});
	});

	describe("listEvents", () => {
		it("asks for page 1 by default and parses performedAt", async () => {
			const event = {
				performedAt: "2025-01-01T00:00:00",
				message: "m",
				performedBy: "Api",
				tenantId: "shop",
				eventType: "ApiUserSignInCompleted",
				severity: "Informational",
				subject: "42",
				apiKeyId: "cdef",
			};
			const { latchkey, fake } = client(json(200, { tenantId: "shop", events: [event], totalEventCount: 1 }));
			const log = await latchkey.listEvents();
			assert.equal(fake.requests[0]?.url, `${API}/events?pageNumber=1`);
			assert.deepEqual(log, {
				tenantId: "shop",
				events: [{ ...event, performedAt: new Date("2025-01-01T00:00:00Z") }],
				totalEventCount: 1,
			});
		});

		it("sends pageNumber and numberOfResults", async () => {
			const { latchkey, fake } = client(json(200, { tenantId: "shop", events: [], totalEventCount: 0 }));
			await latchkey.listEvents({ pageNumber: 3, numberOfResults: 50 });
			assert.equal(fake.requests[0]?.url, `${API}/events?pageNumber=3&numberOfResults=50`);
		});
	});

	describe("auth configs", () => {
		const wire = {
			purpose: "step-up",
			userVerificationRequirement: "required",
			timeToLive: 300,
			hints: "SecurityKey, ClientDevice",
			createdBy: "ops",
			createdOn: "2025-01-01T00:00:00",
			editedBy: null,
			editedOn: null,
			lastUsedOn: null,
		};

		it("listAuthConfigs filters by purpose and converts hints and dates", async () => {
			const { latchkey, fake } = client(json(200, { configurations: [wire] }), json(200, { configurations: [] }));
			assert.deepEqual(await latchkey.listAuthConfigs("step-up"), [
				{ ...wire, hints: ["security-key", "client-device"], createdOn: new Date("2025-01-01T00:00:00Z") },
			]);
			assert.equal(fake.requests[0]?.url, `${API}/auth-configs/list?purpose=step-up`);
			await latchkey.listAuthConfigs();
			assert.equal(fake.requests[1]?.url, `${API}/auth-configs/list`);
		});

		it("addAuthConfig sends timeToLive as a TimeSpan and accepts 201", async () => {
			const { latchkey, fake } = client(new Response(null, { status: 201 }));
			await latchkey.addAuthConfig({
				purpose: "pay",
				userVerificationRequirement: "required",
				timeToLive: 180,
				hints: ["hybrid"],
				performedBy: "ops",
			});
			assert.equal(fake.requests[0]?.url, `${API}/auth-configs/add`);
			assert.deepEqual(fake.requests[0]?.body, {
				purpose: "pay",
				userVerificationRequirement: "required",
				timeToLive: "00:03:00",
				hints: ["hybrid"],
				performedBy: "ops",
			});
		});

		it("addAuthConfig refuses a fractional timeToLive before sending", async () => {
			const { latchkey, fake } = client(empty(201));
			await assert.rejects(latchkey.addAuthConfig({ purpose: "pay", timeToLive: 1.5, performedBy: "ops" }), RangeError);
			assert.equal(fake.requests.length, 0);
		});

		it("updateAuthConfig posts to /auth-configs and deleteAuthConfig to /auth-configs/delete", async () => {
			const { latchkey, fake } = client(empty(204));
			await latchkey.updateAuthConfig({ purpose: "pay", timeToLive: 86400, performedBy: "ops" });
			await latchkey.deleteAuthConfig({ purpose: "pay", performedBy: "ops" });
			assert.equal(fake.requests[0]?.url, `${API}/auth-configs`);
			assert.deepEqual(fake.requests[0]?.body, { purpose: "pay", timeToLive: "1.00:00:00", performedBy: "ops" });
			assert.equal(fake.requests[1]?.url, `${API}/auth-configs/delete`);
			assert.deepEqual(fake.requests[1]?.body, { purpose: "pay", performedBy: "ops" });
		});
	});

	describe("setAppFeatures", () => {
		it("posts only the features given", async () => {
			const { latchkey, fake } = client(empty(204));
			await latchkey.setAppFeatures({ enableMagicLinks: false, eventLoggingRetentionPeriod: 30 });
			assert.equal(fake.requests[0]?.url, `${API}/apps/features`);
			assert.deepEqual(fake.requests[0]?.body, { enableMagicLinks: false, eventLoggingRetentionPeriod: 30 });
		});
	});

	describe("errors", () => {
		it("never carry the secret, even when the server echoes it", async () => {
			const echo = problem(401, "invalid_api_secret", { detail: `It started with: '${SECRET.slice(0, 10)}'. Full: ${SECRET}` });
			const { latchkey } = client(echo);
			const error = await latchkey.countUsers().catch((e: unknown) => e);
			assert.ok(error instanceof LatchkeyError);
			const everything = `${error.message} ${error.stack} ${JSON.stringify(error.problem)} ${inspect(error, { depth: 9 })}`;
			assert.ok(!everything.includes(SECRET.slice(0, 10)), everything);
			assert.ok(!everything.includes("0123456789abcdef"));
		});

		it("never carry the secret on network errors and timeouts", async () => {
			for (const answer of [new TypeError("fetch failed"), "hang" as const]) {
				const { latchkey } = client(answer);
				const error = await latchkey.deleteUser("42").catch((e: unknown) => e);
				assert.ok(error instanceof LatchkeyError);
				assert.ok(!inspect(error, { depth: 9 }).includes("0123456789abcdef"));
			}
		});
	});
});
