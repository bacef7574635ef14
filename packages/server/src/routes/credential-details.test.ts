import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";

describe("GET /credentials/get and POST /credentials/update (Latchkey extensions)", () => {
	it("reads one passkey, renames it, clears the name, and keeps apps apart", async () => {
		const h = await createHarness();
		const { credentialId, verifyToken } = await registerUser(h, { userId: "ada", authenticator: new SoftAuthenticator() });
		const got = await h.get(`/credentials/get?credentialId=${credentialId}`);
		assert.equal(got.statusCode, 200);
		assert.equal(got.json().descriptor.id, credentialId);
		assert.equal(got.json().userId, "ada");
		assert.equal(got.json().nickname, null);
		assert.equal((await h.sec("/credentials/update", { credentialId, nickname: "  Work laptop " })).statusCode, 204);
		assert.equal((await h.get(`/credentials/get?credentialId=${credentialId}`)).json().nickname, "Work laptop");
		assert.equal((await h.get("/credentials/list?userId=ada")).json().values[0].nickname, "Work laptop");
		assert.equal(
			(await h.sec("/signin/verify", { token: verifyToken })).json().nickname,
			null,
			"a verify token keeps the name it was made with",
		);
		assert.equal((await h.sec("/credentials/update", { credentialId, nickname: "" })).statusCode, 204);
		assert.equal((await h.get(`/credentials/get?credentialId=${credentialId}`)).json().nickname, null);
		assertProblem(await h.sec("/credentials/update", { credentialId, nickname: "x".repeat(65) }), 400, "invalid_argument");
		assertProblem(await h.sec("/credentials/update", { credentialId: "AAAA", nickname: "x" }), 404, "credential_not_found");
		assertProblem(await h.sec("/credentials/update", { credentialId: "!!", nickname: "x" }), 404, "credential_not_found");
		await h.sec("/credentials/update", { credentialId, nickname: "Phone" });
		assert.equal((await h.sec("/credentials/update", { credentialId })).statusCode, 204, "no nickname clears it");
		assert.equal((await h.get(`/credentials/get?credentialId=${credentialId}`)).json().nickname, null);
		assertProblem(await h.sec("/credentials/update", { nickname: "x" }), 400, "invalid_request");
		assertProblem(await h.get("/credentials/get?credentialId=AAAA"), 404, "credential_not_found");
		assertProblem(await h.get("/credentials/get"), 400, "invalid_request");
		assertProblem(await h.pub("/credentials/update", { credentialId, nickname: "x" }), 401, "invalid_api_secret");
	});
});
