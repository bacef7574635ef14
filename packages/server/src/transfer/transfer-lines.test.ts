import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { credential } from "../store/conformance/fixtures.ts";
import type { TransferRecord } from "../store/store.ts";
import { decodeTransferRecord, encodeTransferRecord, TransferFormatError } from "./transfer-lines.ts";

const T0 = new Date("2025-01-01T00:00:00Z");

describe("transfer lines", () => {
	it("round-trips a user pool and its signing keys (JWKs, a retired and a current key)", () => {
		const records: TransferRecord[] = [
			{ type: "pool", pool: { id: "us-east-1_Latchkey1", appId: "shop", region: "us-east-1", clientId: "a".repeat(26), createdAt: T0 } },
			{
				type: "signingKey",
				appId: "shop",
				key: {
					poolId: "us-east-1_Latchkey1",
					kid: "k1",
					publicJwk: { kty: "RSA", n: "n", e: "AQAB" },
					privateJwk: { kty: "RSA", n: "n", e: "AQAB", d: "d" },
					retiredAt: T0,
					createdAt: T0,
				},
			},
			{
				type: "signingKey",
				appId: "shop",
				key: { poolId: "us-east-1_Latchkey1", kid: "k2", publicJwk: {}, privateJwk: {}, retiredAt: null, createdAt: T0 },
			},
		];
		for (const record of records) assert.deepEqual(decodeTransferRecord(encodeTransferRecord(record), 1), record);
	});

	it("refuses a signing key line without its JWKs", () => {
		assert.throws(
			() => decodeTransferRecord('{"type":"signingKey","appId":"shop","poolId":"p","kid":"k","createdAt":"2025-01-01T00:00:00Z"}', 3),
			TransferFormatError,
		);
	});

	it("round-trips a credential's PRF support, reads an export made before it was recorded as false, and refuses a non-boolean", () => {
		const record: TransferRecord = { type: "credential", credential: credential("shop", "c1", "ada", { prfSupported: true }) };
		const line = encodeTransferRecord(record);
		assert.equal(JSON.parse(line).prfSupported, true);
		assert.deepEqual(decodeTransferRecord(line, 1), record);
		const { prfSupported: _, ...old } = JSON.parse(line) as Record<string, unknown>;
		const decoded = decodeTransferRecord(JSON.stringify(old), 1);
		assert.equal(decoded.type === "credential" && decoded.credential.prfSupported, false);
		assert.throws(() => decodeTransferRecord(JSON.stringify({ ...old, prfSupported: "yes" }), 2), TransferFormatError);
	});

	it("round-trips a credential's attestation verdict, and reads an export made before it was recorded as null", () => {
		const record: TransferRecord = { type: "credential", credential: credential("shop", "c1", "ada") };
		const line = encodeTransferRecord(record);
		assert.deepEqual(decodeTransferRecord(line, 1), record);
		const old = JSON.parse(line) as Record<string, unknown>;
		delete old.attestationTrust;
		const decoded = decodeTransferRecord(JSON.stringify(old), 2);
		assert.equal(decoded.type === "credential" && decoded.credential.attestationTrust, null);
	});
});
