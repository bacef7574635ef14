import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness } from "../../test/support/in-process.ts";
import { CERTIFIED_AAGUID, TEST_ENTRIES, UNCERTIFIED_AAGUID } from "../../test/support/mds-blob.ts";

async function harnessWithBlob() {
	const h = await createHarness();
	await h.deps.store.mds.put({
		no: 7,
		nextUpdate: new Date("2025-02-01T00:00:00Z"),
		legalHeader: "",
		importedAt: new Date("2025-01-01T00:00:00Z"),
		entries: TEST_ENTRIES,
	});
	return h;
}

const CERTIFIED = {
	aaguid: CERTIFIED_AAGUID,
	name: "Certified Test Key",
	attestationTypes: ["basic_full"],
	certificationStatus: "FIDO_CERTIFIED_L1",
	icon: "data:image/png;base64,iVBORw0KGgo=",
};
const UNCERTIFIED = {
	aaguid: UNCERTIFIED_AAGUID,
	name: "Uncertified Test Key",
	attestationTypes: ["basic_full", "attca"],
	certificationStatus: "NOT_FIDO_CERTIFIED",
};

describe("GET /mds/*", () => {
	it("answers [] on every route when no FIDO metadata was imported", async () => {
		const h = await createHarness();
		for (const path of ["/mds/attestation-types", "/mds/certification-statuses", "/mds/entries"]) {
			const res = await h.get(path);
			assert.equal(res.statusCode, 200, path);
			assert.deepEqual(res.json(), [], path);
		}
	});

	it("needs the secret key", async () => {
		const h = await harnessWithBlob();
		const res = await h.app.inject({ method: "GET", url: "/mds/entries", headers: { ApiKey: h.keys.apiKey } });
		assertProblem(res, 401, "invalid_api_secret");
	});

	it("lists the distinct attestation types and certification statuses of the FIDO2 entries, sorted", async () => {
		const h = await harnessWithBlob();
		// The revoked entry is a U2F key (no AAGUID): not listed, as upstream lists FIDO2 authenticators only.
		assert.deepEqual((await h.get("/mds/attestation-types")).json(), ["attca", "basic_full"]);
		assert.deepEqual((await h.get("/mds/certification-statuses")).json(), ["FIDO_CERTIFIED_L1", "NOT_FIDO_CERTIFIED"]);
	});

	it("lists the FIDO2 entries by name with their latest status, filtered by attestation type and status", async () => {
		const h = await harnessWithBlob();
		assert.deepEqual((await h.get("/mds/entries")).json(), [CERTIFIED, UNCERTIFIED]);
		assert.deepEqual((await h.get("/mds/entries?attestationTypes=attca")).json(), [UNCERTIFIED]);
		assert.deepEqual((await h.get("/mds/entries?attestationTypes=attca,basic_full")).json(), [CERTIFIED, UNCERTIFIED]);
		assert.deepEqual((await h.get("/mds/entries?certificationStatuses=FIDO_CERTIFIED_L1")).json(), [CERTIFIED]);
		assert.deepEqual((await h.get("/mds/entries?attestationTypes=attca&certificationStatuses=FIDO_CERTIFIED_L1")).json(), []);
		// Upstream's client repeats the parameter (and names it in PascalCase).
		const repeated = await h.get(
			"/mds/entries?AttestationTypes=attca&AttestationTypes=basic_full&CertificationStatuses=NOT_FIDO_CERTIFIED",
		);
		assert.deepEqual(repeated.json(), [UNCERTIFIED]);
		assert.deepEqual((await h.get("/mds/entries?attestationTypes=")).json(), [CERTIFIED, UNCERTIFIED], "an empty filter is no filter");
	});
});
