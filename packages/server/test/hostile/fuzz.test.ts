import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { createSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { createHarness, type Harness, ORIGIN, RP_ID, registerUser, SoftAuthenticator } from "../support/in-process.ts";

/**
 * Property-based fuzzing (fast-check). A fixed seed keeps CI repeatable; `FUZZ_RUNS=5000 FUZZ_SEED=random npm test -- fuzz`
 * runs longer locally.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261122);
const settings = { numRuns: RUNS, seed: SEED, endOnFailure: true };

const ROUTES: [method: "GET" | "POST", path: string, key: "public" | "secret"][] = [
	["POST", "/register/token", "secret"],
	["POST", "/register/begin", "public"],
	["POST", "/register/complete", "public"],
	["POST", "/signin/begin", "public"],
	["POST", "/signin/complete", "public"],
	["POST", "/signin/verify", "secret"],
	["POST", "/signin/generate-token", "secret"],
	["POST", "/alias", "secret"],
	["GET", "/alias/list", "secret"],
	["GET", "/credentials/list", "secret"],
	["POST", "/credentials/list", "secret"],
	["POST", "/credentials/delete", "secret"],
	["GET", "/users/list", "secret"],
	["GET", "/users/count", "secret"],
	["POST", "/users/delete", "secret"],
	["GET", "/events", "secret"],
	["GET", "/auth-configs/list", "secret"],
	["POST", "/auth-configs/add", "secret"],
	["POST", "/auth-configs", "secret"],
	["POST", "/auth-configs/delete", "secret"],
	["POST", "/apps/features", "secret"],
];

/** A field name from the wire API (in any casing) or a random one. */
const fieldName = fc.oneof(
	fc.constantFrom(
		"userId",
		"USERID",
		"username",
		"aliases",
		"alias",
		"token",
		"session",
		"response",
		"RPID",
		"Origin",
		"nickname",
		"purpose",
		"timeToLive",
		"credentialId",
		"hashing",
		"discoverable",
		"hints",
		"expiresAt",
		"performedBy",
		"userVerificationRequirement",
		"eventLoggingRetentionPeriod",
		"id",
		"rawId",
		"type",
		"clientDataJSON",
		"attestationObject",
		"authenticatorData",
		"signature",
		"userHandle",
		"__proto__",
		"constructor",
	),
	fc.string({ maxLength: 12 }),
);
const jsonValue = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: "small" },
		fc.string({ maxLength: 40 }),
		fc.integer(),
		fc.double(),
		fc.boolean(),
		fc.constant(null),
		fc.array(tie("value"), { maxLength: 4 }),
		fc.dictionary(fieldName, tie("value"), { maxKeys: 5 }),
	),
})).value;

describe("fuzzing the API", () => {
	let h: Harness;
	let dir: string;
	let authenticator: SoftAuthenticator;

	before(async () => {
		dir = mkdtempSync(join(tmpdir(), "latchkey-fuzz-"));
		h = await createHarness({
			store: createSqliteStore(join(dir, "fuzz.db"), { now: new Date("2025-01-01T00:00:00Z") }),
			origins: [ORIGIN],
		});
		authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", alias: "ada@example.com", authenticator });
	});
	after(async () => {
		await h.app.close();
		await h.deps.store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it(`never answers a random body on any route with a 5xx (${RUNS} runs, seed ${SEED})`, async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...ROUTES),
				fc.dictionary(fieldName, jsonValue, { maxKeys: 8 }),
				async ([method, path, key], body) => {
					const headers = key === "public" ? { ApiKey: h.keys.apiKey } : { ApiSecret: h.keys.apiSecret };
					const res =
						method === "GET"
							? await h.app.inject({
									method,
									url: `${path}?${new URLSearchParams(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]))}`,
									headers,
								})
							: await h.app.inject({
									method,
									url: path,
									headers: { ...headers, "content-type": "application/json" },
									payload: JSON.stringify(body),
								});
					assert.ok(res.statusCode < 500, `${method} ${path} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
					if (res.statusCode >= 400) assert.equal(res.headers["content-type"], "application/problem+json");
				},
			),
			settings,
		);
	});

	it(`never accepts a sign-in whose signed bytes or signature were altered (${RUNS} runs)`, async () => {
		const member = fc.constantFrom("authenticatorData", "clientDataJSON", "signature");
		await fc.assert(
			fc.asyncProperty(member, fc.nat(), fc.integer({ min: 1, max: 255 }), async (name, position, xor) => {
				const begin = (await h.pub("/signin/begin", { userId: "u1", RPID: RP_ID, Origin: ORIGIN })).json();
				const response = authenticator.getAssertion(begin.data, { origin: ORIGIN });
				const inner = response.response as unknown as Record<string, string>;
				const bytes = Buffer.from(inner[name] as string, "base64url");
				const at = position % bytes.length;
				bytes[at] = (bytes[at] ?? 0) ^ xor;
				inner[name] = bytes.toString("base64url");
				const res = await h.pub("/signin/complete", { session: begin.session, response, RPID: RP_ID, Origin: ORIGIN });
				assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${name}[${at}] ^= ${xor} → ${res.statusCode} ${res.body}`);
			}),
			settings,
		);
	});

	it(`never answers a mutated registration with a 5xx (${RUNS} runs)`, async () => {
		const member = fc.constantFrom("attestationObject", "clientDataJSON");
		await fc.assert(
			fc.asyncProperty(member, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (name, position, xor, truncate) => {
				const token = (await h.sec("/register/token", { userId: "fuzzer", username: "fuzzer" })).json().token;
				const begin = (await h.pub("/register/begin", { token, RPID: RP_ID, Origin: ORIGIN })).json();
				const response = new SoftAuthenticator().createCredential(begin.data, { origin: ORIGIN });
				const inner = response.response as unknown as Record<string, string>;
				let bytes = Buffer.from(inner[name] as string, "base64url");
				const at = position % bytes.length;
				if (truncate) bytes = bytes.subarray(0, at);
				else bytes[at] = (bytes[at] ?? 0) ^ xor;
				inner[name] = bytes.toString("base64url");
				const res = await h.pub("/register/complete", { session: begin.session, response, RPID: RP_ID, Origin: ORIGIN });
				assert.ok(res.statusCode < 500, `${name} ${truncate ? "cut" : "flip"} at ${at} → ${res.statusCode} ${res.body}`);
			}),
			settings,
		);
	});
});
