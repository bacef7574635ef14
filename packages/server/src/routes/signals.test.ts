import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness, RP_ID, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";

const handle = (userId: string): string => Buffer.from(userId, "utf8").toString("base64url");

describe("GET /signals/accepted-credentials and GET /signals/user-details (Latchkey extensions)", () => {
	it("gives the arguments of signalAllAcceptedCredentials: the app's RP ID, the user handle and the user's passkey ids", async () => {
		const h = await createHarness();
		const first = await registerUser(h, { userId: "ada", authenticator: new SoftAuthenticator() });
		const second = await registerUser(h, { userId: "ada", authenticator: new SoftAuthenticator() });
		await registerUser(h, { userId: "bob", authenticator: new SoftAuthenticator() });
		const res = await h.get("/signals/accepted-credentials?userId=ada");
		assert.equal(res.statusCode, 200);
		const body = res.json();
		assert.deepEqual(Object.keys(body).sort(), ["allAcceptedCredentialIds", "rpId", "userId"]);
		assert.equal(body.rpId, RP_ID);
		assert.equal(body.userId, handle("ada"));
		assert.deepEqual([...body.allAcceptedCredentialIds].sort(), [first.credentialId, second.credentialId].sort());

		await h.sec("/credentials/delete", { credentialId: first.credentialId });
		assert.deepEqual((await h.get("/signals/accepted-credentials?userId=ada")).json().allAcceptedCredentialIds, [second.credentialId]);
	});

	it("gives an empty list for a user without passkeys here and for another RP ID (a valid signal: hide them all)", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "ada", authenticator: new SoftAuthenticator() });
		assert.deepEqual((await h.get("/signals/accepted-credentials?userId=nobody")).json(), {
			rpId: RP_ID,
			userId: handle("nobody"),
			allAcceptedCredentialIds: [],
		});
		const other = (await h.get("/signals/accepted-credentials?userId=ada&rpId=other.example")).json();
		assert.deepEqual(other, { rpId: "other.example", userId: handle("ada"), allAcceptedCredentialIds: [] });
	});

	it("gives the arguments of signalCurrentUserDetails with the names the backend sends (displayName defaults to name)", async () => {
		const h = await createHarness();
		const res = await h.get(`/signals/user-details?userId=${encodeURIComponent("ada ✓")}&name=ada%40example.com&displayName=Ada%20L.`);
		assert.equal(res.statusCode, 200);
		assert.deepEqual(res.json(), { rpId: RP_ID, userId: handle("ada ✓"), name: "ada@example.com", displayName: "Ada L." });
		assert.equal((await h.get("/signals/user-details?userId=ada&name=ada")).json().displayName, "ada");
		assert.equal((await h.get("/signals/user-details?userId=ada&name=ada&rpId=shop.example")).json().rpId, "shop.example");
	});

	it("needs the secret key, a userId and (for user details) a name", async () => {
		const h = await createHarness();
		assertProblem(await h.get("/signals/accepted-credentials"), 400, "invalid_request");
		assertProblem(await h.get("/signals/user-details?userId=ada"), 400, "invalid_request");
		assertProblem(await h.get("/signals/accepted-credentials?userId=%20"), 400, "missing_userid");
		const pub = await h.app.inject({ method: "GET", url: "/signals/accepted-credentials?userId=ada", headers: { ApiKey: "x" } });
		assert.ok([401, 403].includes(pub.statusCode), pub.body);
	});
});
