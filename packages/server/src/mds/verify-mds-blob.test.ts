import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { X509Certificate } from "@peculiar/x509";
import {
	CERTIFIED_AAGUID,
	createMdsTestPki,
	type MdsTestPki,
	signMdsBlob,
	TEST_ENTRIES,
	withBadSignature,
} from "../../test/support/mds-blob.ts";
import { PACKAGE_ROOT } from "../package-root.ts";
import { verifyMdsBlob } from "./verify-mds-blob.ts";

const NOW = new Date("2025-01-01T00:00:00Z");
const WINDOW = { validFrom: new Date("2024-01-01T00:00:00Z"), validTo: new Date("2026-01-01T00:00:00Z") };

function rejectsWith(code: string, pattern: RegExp): (error: unknown) => boolean {
	return (error) => {
		assert.ok(isPasskeyError(error), String(error));
		assert.equal(error.code, code);
		assert.match(error.message, pattern);
		return true;
	};
}

describe("verifyMdsBlob", () => {
	let pki: MdsTestPki;
	let other: MdsTestPki;
	before(async () => {
		pki = await createMdsTestPki({ name: "Test MDS", ...WINDOW });
		other = await createMdsTestPki({ name: "Other", ...WINDOW });
	});

	it("returns the serial number, nextUpdate, legal header and entries of a blob that chains to the root", async () => {
		const blob = await verifyMdsBlob(await signMdsBlob(pki), { rootCertificates: [pki.rootPem], now: NOW });
		assert.equal(blob.no, 7);
		assert.deepEqual(blob.nextUpdate, new Date("2025-02-01T00:00:00Z"));
		assert.equal(blob.legalHeader, "Test legal header");
		assert.deepEqual(blob.entries, TEST_ENTRIES);
		assert.equal(blob.entries[0]?.aaguid, CERTIFIED_AAGUID);
	});

	it("accepts the blob when one of several roots is the right one, and with surrounding whitespace", async () => {
		const jwt = `\n${await signMdsBlob(pki)}\n`;
		const blob = await verifyMdsBlob(jwt, { rootCertificates: [other.rootPem, pki.rootPem], now: NOW });
		assert.equal(blob.no, 7);
	});

	it("refuses a blob whose signature has one byte changed", async () => {
		await assert.rejects(
			verifyMdsBlob(withBadSignature(await signMdsBlob(pki)), { rootCertificates: [pki.rootPem], now: NOW }),
			rejectsWith("mds_blob_invalid", /signature does not verify/),
		);
	});

	it("refuses a payload changed after signing", async () => {
		const [header, , signature] = (await signMdsBlob(pki)).split(".");
		const forged = Buffer.from(JSON.stringify({ legalHeader: "", no: 99, nextUpdate: "2025-02-01", entries: [] })).toString("base64url");
		await assert.rejects(
			verifyMdsBlob(`${header}.${forged}.${signature}`, { rootCertificates: [pki.rootPem], now: NOW }),
			rejectsWith("mds_blob_invalid", /signature does not verify/),
		);
	});

	it("refuses a blob whose chain leads to a different root", async () => {
		await assert.rejects(
			verifyMdsBlob(await signMdsBlob(pki), { rootCertificates: [other.rootPem], now: NOW }),
			rejectsWith("mds_blob_invalid", /not signed by the trusted root 'Other Root CA'/),
		);
	});

	it("refuses a blob signed with a key other than x5c[0]'s", async () => {
		const jwt = await signMdsBlob({ ...pki, leafKey: other.leafKey });
		await assert.rejects(
			verifyMdsBlob(jwt, { rootCertificates: [pki.rootPem], now: NOW }),
			rejectsWith("mds_blob_invalid", /signature does not verify/),
		);
	});

	it("refuses a chain whose leaf expired before now", async () => {
		const expired = await createMdsTestPki({ name: "Expired", ...WINDOW, leafValidTo: new Date("2024-12-31T00:00:00Z") });
		await assert.rejects(
			verifyMdsBlob(await signMdsBlob(expired), { rootCertificates: [expired.rootPem], now: NOW }),
			rejectsWith("mds_blob_invalid", /x5c\[0\] \('Expired Metadata Signer'\) expired on 2024-12-31/),
		);
	});

	it("refuses a chain that is not valid yet at now", async () => {
		await assert.rejects(
			verifyMdsBlob(await signMdsBlob(pki), { rootCertificates: [pki.rootPem], now: new Date("2023-06-01T00:00:00Z") }),
			rejectsWith("mds_blob_invalid", /not valid yet/),
		);
	});

	it("refuses a blob whose nextUpdate has passed (mds_blob_expired)", async () => {
		const jwt = await signMdsBlob(pki, { nextUpdate: "2024-12-01" });
		await assert.rejects(
			verifyMdsBlob(jwt, { rootCertificates: [pki.rootPem], now: NOW }),
			rejectsWith("mds_blob_expired", /due to be replaced on 2024-12-01/),
		);
	});

	it("refuses malformed input: not a JWS, a header without x5c, a payload that is not an MDS blob", async () => {
		const options = { rootCertificates: [pki.rootPem], now: NOW };
		for (const text of ["", "not a jwt", "a.b", "a.b.c.d", "%%%.%%%.%%%", "e30.e30.e30"]) {
			await assert.rejects(verifyMdsBlob(text, options), rejectsWith("mds_blob_invalid", /./), text);
		}
		for (const payload of [
			{ no: "7" },
			{ nextUpdate: "1 Feb 2025" },
			{ entries: {} },
			{ entries: [null] },
			{ entries: [{ aaguid: CERTIFIED_AAGUID }] },
		]) {
			await assert.rejects(
				verifyMdsBlob(await signMdsBlob(pki, payload), options),
				rejectsWith("mds_blob_invalid", /payload|entries/),
				JSON.stringify(payload),
			);
		}
		const noX5c = await signMdsBlob({ ...pki, x5c: [] });
		await assert.rejects(verifyMdsBlob(noX5c, options), rejectsWith("mds_blob_invalid", /no 'x5c'/));
		const badCert = await signMdsBlob({ ...pki, x5c: ["AAAA"] });
		await assert.rejects(verifyMdsBlob(badCert, options), rejectsWith("mds_blob_invalid", /x5c\[0\] is not an X.509 certificate/));
	});

	it("ships the FIDO MDS3 root: GlobalSign Root CA - R3, a self-signed CA valid until March 2029", async () => {
		const pem = readFileSync(new URL("data/fido-mds-root.pem", PACKAGE_ROOT), "utf8");
		const root = new X509Certificate(pem);
		assert.equal(root.subject, "OU=GlobalSign Root CA - R3, O=GlobalSign, CN=GlobalSign");
		assert.equal(root.subject, root.issuer);
		assert.ok(await root.isSelfSigned());
		assert.deepEqual(root.notAfter, new Date("2029-03-18T10:00:00Z"));
		const sha256 = Buffer.from(await root.getThumbprint("SHA-256")).toString("hex");
		assert.equal(sha256, "cbb522d7b7f127ad6a0113865bdf1cd4102e7d0759af635a7cf4720dc963c53b");
		// The blob a test PKI signed does not chain to it.
		await assert.rejects(
			verifyMdsBlob(await signMdsBlob(pki), { rootCertificates: [pem], now: NOW }),
			rejectsWith("mds_blob_invalid", /trusted root 'GlobalSign'/),
		);
	});
});
