import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness, ORIGIN, RP_ID, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";
import { authenticatorNamesOf } from "../authenticators/authenticator-names.ts";

const b64 = (base64url: string): string => Buffer.from(base64url, "base64url").toString("base64");

describe("aliases", () => {
	it("replaces a user's aliases, lists them with hashes and plain texts, and finds the user by them", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "u1", alias: "old@example.com", authenticator: new SoftAuthenticator() });
		const set = await h.sec("/alias", { UserId: "u1", aliases: ["ada@example.com", "ada@example.com", "ada"], hashing: false });
		assert.equal(set.statusCode, 204);
		assert.equal(set.body, "");
		const list = await h.get("/alias/list?userid=u1");
		assert.equal(list.statusCode, 200);
		assert.deepEqual(
			list
				.json()
				.values.map((v: { alias: string; plaintext: string; userId: string; tenant: string }) => [v.userId, v.tenant, v.plaintext, v.alias])
				.sort(),
			[
				["u1", "shop", "ada", hash("ada")],
				["u1", "shop", "ada@example.com", hash("ada@example.com")],
			],
		);
		const begin = await h.pub("/signin/begin", { alias: "ada@example.com", RPID: RP_ID, Origin: ORIGIN });
		assert.equal(begin.json().data.allowCredentials.length, 1);
		const old = await h.pub("/signin/begin", { alias: "old@example.com", RPID: RP_ID, Origin: ORIGIN });
		assert.equal(old.json().data.allowCredentials.length, 0);
	});

	it("hashes by default, deletes all with an empty list, and refuses another user's alias with 409", async () => {
		const h = await createHarness();
		assert.equal((await h.sec("/alias", { userId: "u1", aliases: ["a@x"] })).statusCode, 204);
		assert.equal((await h.get("/alias/list?userId=u1")).json().values[0].plaintext, null);
		assertProblem(await h.sec("/alias", { userId: "u2", aliases: ["a@x"] }), 409, "alias_conflict");
		assert.equal((await h.sec("/alias", { userId: "u1", aliases: [] })).statusCode, 204);
		assert.deepEqual((await h.get("/alias/list?userId=u1")).json().values, []);
	});

	it("validates the alias limits and the userId", async () => {
		const h = await createHarness();
		assertProblem(await h.sec("/alias", { userId: "u1", aliases: Array.from({ length: 11 }, (_, i) => `a${i}`) }), 400, "invalid_request");
		assertProblem(await h.sec("/alias", { userId: "u1", aliases: ["x".repeat(251)] }), 400, "invalid_request");
		assertProblem(await h.sec("/alias", { userId: "u1", aliases: [""] }), 400, "invalid_request");
		assertProblem(await h.get("/alias/list"), 400, "invalid_request");
		assertProblem(await h.get("/alias/list?userId="), 400, "missing_userid");
	});
});

describe("credentials", () => {
	it("lists a user's credentials in the upstream shape, by GET and by POST", async () => {
		const h = await createHarness();
		const { credentialId } = await registerUser(h, {
			userId: "123",
			authenticator: new SoftAuthenticator({ flags: { be: true, bs: true } }),
		});
		const get = await h.get("/credentials/list?userid=123");
		const post = await h.sec("/credentials/list", { userId: 123 });
		assert.equal(get.statusCode, 200);
		assert.deepEqual(get.json(), post.json());
		const [c] = get.json().values;
		assert.deepEqual(c.descriptor, { type: "public-key", id: credentialId, transports: ["hybrid", "internal"] });
		assert.equal(c.userHandle, "MTIz");
		assert.equal(c.userId, "123");
		assert.equal(c.rpid, RP_ID);
		assert.equal(c.origin, ORIGIN);
		assert.equal(c.aaGuid, "00000000-0000-0000-0000-000000000000");
		assert.equal(c.attestationFmt, "none");
		assert.equal(c.signatureCounter, 0);
		assert.equal(c.country, "");
		assert.equal(c.backupState, true);
		assert.equal(c.isBackupEligible, true);
		assert.equal(c.isDiscoverable, true);
		assert.equal(c.createdAt, "2025-01-01T00:00:00.000Z");
		assert.match(c.publicKey, /^[A-Za-z0-9+/]+=*$/);
		assert.equal((Buffer.from(c.publicKey, "base64")[0] ?? 0) & 0xe0, 0xa0, "publicKey is the COSE_Key (a CBOR map)");
		assert.equal("authenticatorName" in c, false, "no name for the all-zero AAGUID");
		assertProblem(await h.get("/credentials/list?userId="), 400, "missing_userid");
		assert.deepEqual((await h.get("/credentials/list?userId=nobody")).json(), { values: [] });
	});

	it("names the passkey provider from the AAGUID (authenticatorName, a Latchkey extension), from the shipped table", async () => {
		const h = await createHarness();
		const google = "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4";
		await registerUser(h, { userId: "g", authenticator: new SoftAuthenticator({ aaguid: google }) });
		const [c] = (await h.get("/credentials/list?userId=g")).json().values;
		assert.equal(c.aaGuid, google);
		assert.equal(c.authenticatorName, "Google Password Manager");
		const [posted] = (await h.sec("/credentials/list", { userId: "g" })).json().values;
		assert.equal(posted.authenticatorName, "Google Password Manager");
	});

	it("takes its names from Deps when given a table, and leaves the member out for an AAGUID it does not know", async () => {
		const acme = "01234567-89ab-cdef-0123-456789abcdef";
		const h = await createHarness({ authenticatorNames: authenticatorNamesOf({ [acme]: { name: "Acme Key" } }) });
		await registerUser(h, { userId: "a", authenticator: new SoftAuthenticator({ aaguid: acme }) });
		await registerUser(h, { userId: "g", authenticator: new SoftAuthenticator({ aaguid: "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4" }) });
		assert.equal((await h.get("/credentials/list?userId=a")).json().values[0].authenticatorName, "Acme Key");
		assert.equal("authenticatorName" in (await h.get("/credentials/list?userId=g")).json().values[0], false);
	});

	it("deletes a credential by base64url or base64 id, and answers 404 for an unknown one", async () => {
		const h = await createHarness();
		const first = await registerUser(h, { userId: "u1", authenticator: new SoftAuthenticator() });
		const second = await registerUser(h, { userId: "u1", authenticator: new SoftAuthenticator() });
		const del = await h.sec("/credentials/delete", { credentialId: first.credentialId });
		assert.equal(del.statusCode, 204);
		assert.equal((await h.sec("/credentials/delete", { credentialId: b64(second.credentialId) })).statusCode, 204);
		assertProblem(await h.sec("/credentials/delete", { credentialId: first.credentialId }), 404, "credential_not_found");
		assertProblem(await h.sec("/credentials/delete", { credentialId: "%%%" }), 404, "credential_not_found");
		assert.deepEqual((await h.get("/credentials/list?userId=u1")).json().values, []);
	});
});

describe("users", () => {
	it("lists, counts and deletes users with their credentials and aliases", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "u1", alias: "ada@example.com", authenticator: new SoftAuthenticator() });
		await registerUser(h, { userId: "u1", authenticator: new SoftAuthenticator() });
		await registerUser(h, { userId: "u2", authenticator: new SoftAuthenticator() });
		await h.sec("/alias", { userId: "u2", aliases: ["bob", "robert"], hashing: false });
		assert.deepEqual((await h.get("/users/count")).json(), { count: 2 });
		assert.deepEqual((await h.get("/users/list")).json().values, [
			{ userId: "u1", aliasCount: 1, aliases: [null], credentialsCount: 2, lastUsedAt: "2025-01-01T00:00:00.000Z" },
			{
				userId: "u2",
				aliasCount: 2,
				aliases: ["robert", "bob"].sort((a, b) => (hash(a) < hash(b) ? -1 : 1)),
				credentialsCount: 1,
				lastUsedAt: "2025-01-01T00:00:00.000Z",
			},
		]);
		const del = await h.sec("/users/delete", { userId: "u1" });
		assert.equal(del.statusCode, 200);
		assert.equal(del.body, "");
		assert.deepEqual((await h.get("/users/count")).json(), { count: 1 });
		const begin = await h.pub("/signin/begin", { alias: "ada@example.com", RPID: RP_ID, Origin: ORIGIN });
		assert.deepEqual(begin.json().data.allowCredentials, []);
		assertProblem(await h.sec("/users/delete", { userId: "" }), 400, "missing_userid");
	});
});

function hash(alias: string): string {
	return createHash("sha256").update(`shop${alias}`).digest("base64");
}
