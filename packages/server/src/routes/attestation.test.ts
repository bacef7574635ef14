import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestAttestationCa, type TestAttestationLeaf } from "@latchkey/test-support";
import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness, type Harness, ORIGIN, RP_ID, SoftAuthenticator } from "../../test/support/in-process.ts";
import { createMdsCatalog } from "../mds/mds-catalog.ts";

const KEY = "cb69481e-8ff7-4039-93ec-0a2729a154a8";
const OTHER = "ee882879-721c-4913-9775-3dfcce97072a";
const ca = await createTestAttestationCa("Acme", new Date("2025-01-01T00:00:00Z"));

function entry(status: string): MetadataBLOBPayloadEntry {
	return {
		aaguid: KEY,
		metadataStatement: {
			description: "Acme Key",
			aaguid: KEY,
			attestationTypes: ["basic_full"],
			attestationRootCertificates: [Buffer.from(ca.root.der).toString("base64")],
		},
		statusReports: [{ status, effectiveDate: "2024-06-01" }],
		timeOfLastStatusChange: "2024-06-01",
	} as unknown as MetadataBLOBPayloadEntry;
}

function withMetadata(h: Harness, entries: MetadataBLOBPayloadEntry[]): void {
	const lookup = createMdsCatalog({ no: 1, nextUpdate: new Date("2030-01-01T00:00:00Z"), entries });
	h.deps.mds = { current: async () => lookup };
}

/** Runs token → begin → complete and returns the complete response (and what begin offered). */
async function register(
	h: Harness,
	input: { userId: string; leaf?: TestAttestationLeaf; aaguid?: string; be?: boolean; tokenBody?: Record<string, unknown> },
) {
	const authenticator = new SoftAuthenticator({ aaguid: input.aaguid ?? KEY, flags: { be: input.be ?? false, bs: false } });
	const token = await h.sec("/register/token", { userId: input.userId, username: input.userId, ...input.tokenBody });
	assert.equal(token.statusCode, 200, token.body);
	const begin = await h.pub("/register/begin", { token: token.json().token, RPID: RP_ID, Origin: ORIGIN });
	const options = begin.json().data;
	const response = authenticator.createCredential(options, {
		origin: ORIGIN,
		attestationFormat: input.leaf ? "packed" : "none",
		...(input.leaf ? { attestationCertificate: input.leaf } : {}),
	});
	const complete = await h.pub("/register/complete", { session: begin.json().session, response, RPID: RP_ID, Origin: ORIGIN });
	return { complete, options, credentialId: response.id };
}

describe("attestation at /register/complete", () => {
	it("stores the format and what the attestation proved with the credential", async () => {
		const h = await createHarness();
		withMetadata(h, [entry("FIDO_CERTIFIED_L2")]);
		const { complete, options, credentialId } = await register(h, {
			userId: "ada",
			leaf: await ca.issueLeaf(),
			tokenBody: { attestation: "direct" },
		});
		assert.equal(complete.statusCode, 200, complete.body);
		assert.equal(options.attestation, "direct");
		const stored = await h.deps.store.credentials.findById("shop", credentialId);
		assert.equal(stored?.attestationFmt, "packed");
		assert.deepEqual(stored?.attestationTrust, {
			trusted: true,
			reason: "chains to 'CN=Acme Root CA, O=Acme, C=US' from the FIDO metadata",
			certified: true,
			metadataStatus: "FIDO_CERTIFIED_L2",
		});
		const listed = (await h.get("/credentials/list?userId=ada")).json().values[0];
		assert.deepEqual(listed.attestationTrust, stored?.attestationTrust, "returned with the credential (a Latchkey extension)");
		const none = await register(h, { userId: "bob" });
		assert.equal(none.complete.statusCode, 200);
		assert.deepEqual((await h.deps.store.credentials.findById("shop", none.credentialId))?.attestationTrust, {
			trusted: false,
			reason: "no attestation: the statement format is 'none'",
			certified: true,
			metadataStatus: "FIDO_CERTIFIED_L2",
		});
	});

	it("strict mode: asks for direct attestation and registers only trusted, certified, uncompromised authenticators", async () => {
		const h = await createHarness();
		assert.equal((await h.sec("/apps/features", { attestationMode: "strict" })).statusCode, 204);
		const leaf = await ca.issueLeaf();
		const noMetadata = await register(h, { userId: "u1", leaf });
		assert.equal(noMetadata.options.attestation, "direct", "a strict app asks for direct where the token says none");
		assertProblem(noMetadata.complete, 400, "authenticator_not_certified");
		withMetadata(h, [entry("NOT_FIDO_CERTIFIED")]);
		assertProblem((await register(h, { userId: "u2", leaf })).complete, 400, "authenticator_not_certified");
		withMetadata(h, [entry("FIDO_CERTIFIED"), { ...entry("REVOKED"), aaguid: OTHER }]);
		assertProblem((await register(h, { userId: "u3", leaf, aaguid: OTHER })).complete, 400, "authenticator_revoked");
		assertProblem(
			(await register(h, { userId: "u4", leaf: await ca.issueLeaf({ selfSigned: true }) })).complete,
			400,
			"attestation_not_trusted",
		);
		assertProblem((await register(h, { userId: "u5" })).complete, 400, "attestation_not_trusted");
		withMetadata(h, [
			{
				...entry("FIDO_CERTIFIED"),
				statusReports: [
					{ status: "FIDO_CERTIFIED", effectiveDate: "2023-01-01" },
					{ status: "ATTESTATION_KEY_COMPROMISE", effectiveDate: "2024-09-01" },
				],
			} as MetadataBLOBPayloadEntry,
		]);
		assertProblem((await register(h, { userId: "u6", leaf })).complete, 400, "authenticator_revoked");
		withMetadata(h, [entry("FIDO_CERTIFIED_L1")]);
		assert.equal((await register(h, { userId: "u7", leaf })).complete.statusCode, 200);
	});

	it("refuses an unknown attestationMode or conveyance in /apps/features", async () => {
		const h = await createHarness();
		assertProblem(await h.sec("/apps/features", { attestationMode: "lenient" }), 400, "invalid_request");
		assertProblem(await h.sec("/apps/features", { attestation: "Direct" }), 400, "invalid_request");
		assert.equal((await h.sec("/apps/features", { attestation: "enterprise" })).statusCode, 204);
		const { options } = await register(h, { userId: "ada" });
		assert.equal(options.attestation, "enterprise", "the app's default conveyance");
	});
});

describe("/authenticators (AAGUID allow and deny lists)", () => {
	it("lists, adds (moving between lists), removes, and refuses malformed AAGUIDs", async () => {
		const h = await createHarness();
		assert.deepEqual((await h.get("/authenticators/list")).json(), []);
		assert.equal((await h.sec("/authenticators/add", { aaGuids: [KEY.toUpperCase(), OTHER], isAllowed: true })).statusCode, 204);
		const allowed = (await h.get("/authenticators/list?isAllowed=true")).json();
		assert.deepEqual(
			allowed.map((e: { aaGuid: string }) => e.aaGuid),
			[KEY, OTHER],
		);
		assert.equal(allowed[0].createdAt, "2025-01-01T00:00:00.000Z");
		assert.equal((await h.sec("/authenticators/add", { aaGuids: [OTHER], isAllowed: false })).statusCode, 204);
		assert.deepEqual(
			(await h.get("/authenticators/list?isAllowed=false")).json().map((e: { aaGuid: string }) => e.aaGuid),
			[OTHER],
		);
		assert.equal((await h.sec("/authenticators/remove", { aaGuids: [OTHER, KEY] })).statusCode, 204);
		assert.deepEqual((await h.get("/authenticators/list?isAllowed=false")).json(), []);
		assertProblem(await h.sec("/authenticators/add", { aaGuids: ["not-a-guid"], isAllowed: true }), 400, "invalid_argument");
		assertProblem(await h.sec("/authenticators/add", { aaGuids: [], isAllowed: true }), 400, "invalid_request");
		assertProblem(await h.pub("/authenticators/add", { aaGuids: [KEY], isAllowed: true }), 401, "invalid_api_secret");
	});

	it("enforces them at /register/complete with upstream's codes", async () => {
		const h = await createHarness();
		await h.sec("/authenticators/add", { aaGuids: [OTHER], isAllowed: false });
		assertProblem((await register(h, { userId: "u1", aaguid: OTHER })).complete, 400, "authenticator_not_allowed");
		assert.equal((await register(h, { userId: "u2" })).complete.statusCode, 200, "a deny list alone lets others through");
		await h.sec("/authenticators/add", { aaGuids: ["00000000-0000-0000-0000-00000000abcd"], isAllowed: true });
		assertProblem((await register(h, { userId: "u3" })).complete, 400, "attestation_required");
		const direct = await register(h, { userId: "u4", leaf: await ca.issueLeaf(), tokenBody: { attestation: "direct" } });
		assertProblem(direct.complete, 400, "authenticator_not_allowed");
		await h.sec("/authenticators/add", { aaGuids: [KEY], isAllowed: true });
		assert.equal(
			(await register(h, { userId: "u5", leaf: await ca.issueLeaf(), tokenBody: { attestation: "direct" } })).complete.statusCode,
			200,
		);
	});
});

describe("device-bound policy", () => {
	it("refuses synced (backup-eligible) passkeys when the app accepts device-bound ones only", async () => {
		const h = await createHarness();
		assert.equal((await register(h, { userId: "u1", be: true })).complete.statusCode, 200, "all allowed by default");
		assert.equal((await h.sec("/apps/features", { deviceBoundOnly: true })).statusCode, 204);
		assertProblem((await register(h, { userId: "u2", be: true })).complete, 400, "synced_passkey_not_allowed");
		assert.equal((await register(h, { userId: "u3", be: false })).complete.statusCode, 200);
		await h.sec("/apps/features", { deviceBoundOnly: false });
		assert.equal((await register(h, { userId: "u4", be: true })).complete.statusCode, 200);
	});
});
