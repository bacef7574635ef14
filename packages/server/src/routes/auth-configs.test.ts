import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { beginSignIn, createHarness, ORIGIN, RP_ID, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";

describe("authentication configurations", () => {
	it("always lists the sign-in and step-up presets in upstream's shape", async () => {
		const h = await createHarness();
		const res = await h.get("/auth-configs/list");
		assert.equal(res.statusCode, 200);
		const preset = (purpose: string) => ({
			purpose,
			userVerificationRequirement: "preferred",
			timeToLive: 120,
			hints: "",
			createdBy: "System",
			createdOn: null,
			editedBy: null,
			editedOn: null,
			lastUsedOn: null,
		});
		assert.deepEqual(res.json().configurations, [preset("sign-in"), preset("step-up")]);
		assert.deepEqual((await h.get("/auth-configs/list?purpose=nope")).json(), { configurations: [] });
	});

	it("adds a purpose with a TimeSpan TTL and hints, and drives /signin/begin and the verify token with it", async () => {
		const h = await createHarness();
		const add = await h.sec("/auth-configs/add", {
			purpose: "transfer",
			userVerificationRequirement: "Required",
			timeToLive: "00:00:30",
			hints: ["security-key", "client-device"],
			performedBy: "ops@shop.example",
		});
		assert.equal(add.statusCode, 201);
		const [config] = (await h.get("/auth-configs/list?purpose=transfer")).json().configurations;
		assert.equal(config.userVerificationRequirement, "required");
		assert.equal(config.timeToLive, 30);
		assert.equal(config.hints, "SecurityKey, ClientDevice");
		assert.equal(config.createdBy, "ops@shop.example");
		assert.equal(config.createdOn, "2025-01-01T00:00:00.000Z");

		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const { data, session } = await beginSignIn(h, { userId: "u1", purpose: "transfer" });
		assert.equal((data as unknown as { userVerification: string }).userVerification, "required");
		assert.deepEqual((data as unknown as { hints: string[] }).hints, ["security-key", "client-device"]);
		const noUv = authenticator.getAssertion(data as never, { origin: ORIGIN, flags: { uv: false } });
		assertProblem(
			await h.pub("/signin/complete", { session, response: noUv, RPID: RP_ID, Origin: ORIGIN }),
			400,
			"user_verification_required",
		);
		const again = await beginSignIn(h, { userId: "u1", purpose: "transfer" });
		const response = authenticator.getAssertion(again.data as never, { origin: ORIGIN });
		const token = (await h.pub("/signin/complete", { session: again.session, response, RPID: RP_ID, Origin: ORIGIN })).json().token;
		const verified = (await h.sec("/signin/verify", { token })).json();
		assert.equal(verified.purpose, "transfer");
		assert.equal(verified.expiresAt, "2025-01-01T00:00:30.000Z");
	});

	it("falls back to the sign-in configuration for an unknown purpose", async () => {
		const h = await createHarness();
		await h.sec("/auth-configs", { purpose: "sign-in", timeToLive: 300, performedBy: "ops" });
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const { data, session } = await beginSignIn(h, { purpose: "whatever" });
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const token = (await h.pub("/signin/complete", { session, response, RPID: RP_ID, Origin: ORIGIN })).json().token;
		const verified = (await h.sec("/signin/verify", { token })).json();
		assert.equal(verified.purpose, "sign-in");
		assert.equal(verified.expiresAt, "2025-01-01T00:05:00.000Z");
	});

	it("updates and deletes, refusing duplicates, unknown purposes, presets and bad values", async () => {
		const h = await createHarness();
		const body = { purpose: "transfer", performedBy: "ops" };
		assert.equal((await h.sec("/auth-configs/add", body)).statusCode, 201);
		assertProblem(await h.sec("/auth-configs/add", body), 400, "auth_config_already_exists");
		assertProblem(await h.sec("/auth-configs/add", { purpose: "step-up", performedBy: "ops" }), 400, "auth_config_already_exists");
		const update = await h.sec("/auth-configs", { ...body, timeToLive: "1.00:00:00", userVerificationRequirement: "discouraged" });
		assert.equal(update.statusCode, 204);
		const [config] = (await h.get("/auth-configs/list?purpose=transfer")).json().configurations;
		assert.equal(config.timeToLive, 86400);
		assert.equal(config.editedBy, "ops");
		assertProblem(await h.sec("/auth-configs", { purpose: "ghost", performedBy: "ops" }), 404, "auth_config_not_found");
		assertProblem(await h.sec("/auth-configs/add", { purpose: "bad purpose", performedBy: "ops" }), 400, "invalid_request");
		assertProblem(await h.sec("/auth-configs/add", { purpose: "x" }), 400, "invalid_request");
		assertProblem(await h.sec("/auth-configs/add", { purpose: "x", performedBy: "o", timeToLive: "forever" }), 400, "invalid_argument");
		assertProblem(await h.sec("/auth-configs/add", { purpose: "x", performedBy: "o", hints: ["carrier-pigeon"] }), 400, "invalid_argument");
		assertProblem(
			await h.sec("/auth-configs/add", { purpose: "x", performedBy: "o", userVerificationRequirement: "optional" }),
			400,
			"invalid_argument",
		);
		assertProblem(await h.sec("/auth-configs/delete", { purpose: "sign-in", performedBy: "ops" }), 400, "auth_config_protected");
		assert.equal((await h.sec("/auth-configs/delete", body)).statusCode, 204);
		assertProblem(await h.sec("/auth-configs/delete", body), 404, "auth_config_not_found");
	});
});
