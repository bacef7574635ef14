import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness, ORIGIN, RP_ID, SoftAuthenticator } from "../../test/support/in-process.ts";

const party = { RPID: RP_ID, Origin: ORIGIN };
const FIRST = Buffer.from("latchkey prf salt 1").toString("base64url");
const SECOND = Buffer.from("latchkey prf salt 2").toString("base64url");
type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Registers through the routes, letting the test shape the posted clientExtensionResults. */
async function register(h: Harness, tokenBody: Record<string, unknown>, extensionResults: Record<string, unknown>) {
	const authenticator = new SoftAuthenticator();
	const token = (await h.sec("/register/token", { userId: "ada", username: "ada", ...tokenBody })).json().token;
	const begin = await h.pub("/register/begin", { token, ...party });
	assert.equal(begin.statusCode, 200, begin.body);
	const response = authenticator.createCredential(begin.json().data, { origin: ORIGIN });
	const complete = await h.pub("/register/complete", {
		session: begin.json().session,
		response: { ...response, clientExtensionResults: extensionResults },
		...party,
	});
	assert.equal(complete.statusCode, 200, complete.body);
	return { authenticator, credentialId: response.id, data: begin.json().data };
}

describe("PRF and hints in register and sign-in tokens (Latchkey extensions)", () => {
	it("puts a register token's PRF inputs into the creation options and records prf.enabled as prfSupported", async () => {
		const h = await createHarness();
		const { credentialId, data } = await register(
			h,
			{ extensions: { prf: { eval: { first: FIRST, second: SECOND } } }, hints: ["client-device"] },
			{ credProps: { rk: true }, prf: { enabled: true } },
		);
		assert.deepEqual(data.extensions, { credProps: true, prf: { eval: { first: FIRST, second: SECOND } } });
		assert.deepEqual(data.hints, ["client-device"]);
		const passkey = (await h.get(`/credentials/get?credentialId=${credentialId}`)).json();
		assert.equal(passkey.prfSupported, true);
	});

	it("asks for no PRF without the extension and records prfSupported false", async () => {
		const h = await createHarness();
		const { credentialId, data } = await register(h, {}, { credProps: { rk: true } });
		assert.deepEqual(data.extensions, { credProps: true });
		assert.equal((await h.get(`/credentials/get?credentialId=${credentialId}`)).json().prfSupported, false);
		assert.equal((await h.get("/credentials/list?userId=ada")).json().values[0].prfSupported, false);
	});

	it("gives a sign-in token's hints and PRF inputs to /signin/begin, and records PRF support shown at the sign-in", async () => {
		const h = await createHarness();
		const { authenticator, credentialId } = await register(h, {}, {});
		const token = (
			await h.sec("/signin/token", { userId: "ada", hints: ["Security-Key", "hybrid"], extensions: { prf: { eval: { first: FIRST } } } })
		).json().token;
		const begin = await h.pub("/signin/begin", { token, ...party });
		assert.equal(begin.statusCode, 200, begin.body);
		const { data, session } = begin.json();
		assert.deepEqual(data.hints, ["security-key", "hybrid"]);
		assert.deepEqual(data.extensions, { prf: { eval: { first: FIRST } } });
		const response = authenticator.getAssertion(data, { origin: ORIGIN });
		const complete = await h.pub("/signin/complete", {
			session,
			response: { ...response, clientExtensionResults: { prf: { enabled: true } } },
			...party,
		});
		assert.equal(complete.statusCode, 200, complete.body);
		assert.equal((await h.get(`/credentials/get?credentialId=${credentialId}`)).json().prfSupported, true);
	});

	it("keeps the purpose's hints and sends no extensions for a sign-in token without them, and for other sign-ins", async () => {
		const h = await createHarness();
		await register(h, {}, {});
		const token = (await h.sec("/signin/token", { userId: "ada" })).json().token;
		const data = (await h.pub("/signin/begin", { token, ...party })).json().data;
		assert.deepEqual(data.hints, []);
		assert.equal("extensions" in data, false);
		assert.equal("extensions" in (await h.pub("/signin/begin", { userId: "ada", ...party })).json().data, false);
	});

	it("refuses PRF inputs that are not base64url, unknown extensions and unknown hints", async () => {
		const h = await createHarness();
		for (const extensions of [{ prf: { eval: { first: "not base64!" } } }, { prf: { eval: {} } }, { largeBlob: { support: "required" } }]) {
			assertProblem(await h.sec("/register/token", { userId: "ada", username: "ada", extensions }), 400, "invalid_request");
			assertProblem(await h.sec("/signin/token", { userId: "ada", extensions }), 400, "invalid_request");
		}
		assertProblem(await h.sec("/signin/token", { userId: "ada", hints: ["pigeon"] }), 400, "invalid_argument");
	});
});
