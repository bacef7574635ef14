import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import { CERTIFIED_AAGUID, REVOKED_KEY_ID, TEST_ENTRIES, UNCERTIFIED_AAGUID } from "../../test/support/mds-blob.ts";
import { fixedClock } from "../clock.ts";
import { createMemoryMdsStore } from "../store/memory/mds.ts";
import type { MdsStore, StoredMdsBlob } from "../store/store.ts";
import { createMdsCatalog, createMdsSource, isCertified, isCompromised, latestStatus } from "./mds-catalog.ts";

const [CERTIFIED, UNCERTIFIED, REVOKED] = TEST_ENTRIES as [MetadataBLOBPayloadEntry, MetadataBLOBPayloadEntry, MetadataBLOBPayloadEntry];

function stored(no: number, entries: MetadataBLOBPayloadEntry[] = TEST_ENTRIES): StoredMdsBlob {
	return { no, nextUpdate: new Date("2025-02-01T00:00:00Z"), legalHeader: "", importedAt: new Date("2025-01-01T00:00:00Z"), entries };
}

function entry(reports: [string, string | undefined][]): MetadataBLOBPayloadEntry {
	return {
		statusReports: reports.map(([status, effectiveDate]) => ({
			status: status as MetadataBLOBPayloadEntry["statusReports"][number]["status"],
			...(effectiveDate ? { effectiveDate } : {}),
		})),
		timeOfLastStatusChange: "2024-01-01",
	};
}

describe("createMdsCatalog", () => {
	const catalog = createMdsCatalog(stored(7));

	it("finds FIDO2 entries by AAGUID in any case, with or without dashes", () => {
		assert.equal(catalog.no, 7);
		assert.deepEqual(catalog.nextUpdate, new Date("2025-02-01T00:00:00Z"));
		assert.equal(catalog.entryForAaguid(CERTIFIED_AAGUID), CERTIFIED);
		assert.equal(catalog.entryForAaguid(CERTIFIED_AAGUID.toUpperCase()), CERTIFIED);
		assert.equal(catalog.entryForAaguid(UNCERTIFIED_AAGUID.replaceAll("-", "")), UNCERTIFIED);
		assert.equal(catalog.entryForAaguid("00000000-0000-0000-0000-000000000000"), undefined);
	});

	it("finds U2F entries by attestation certificate key identifier in any case", () => {
		assert.equal(catalog.entryForKeyIdentifier(REVOKED_KEY_ID), REVOKED);
		assert.equal(catalog.entryForKeyIdentifier(REVOKED_KEY_ID.toUpperCase()), REVOKED);
		assert.equal(catalog.entryForKeyIdentifier("ffffffffffffffffffffffffffffffffffffffff"), undefined);
	});

	it("lists every entry in the blob's order", () => {
		assert.deepEqual(catalog.entries(), TEST_ENTRIES);
	});
});

describe("latestStatus, isCertified, isCompromised", () => {
	it("read the test blob's three entries: certified, uncertified, revoked", () => {
		assert.equal(latestStatus(CERTIFIED)?.status, "FIDO_CERTIFIED_L1");
		assert.equal(isCertified(CERTIFIED), true);
		assert.equal(isCompromised(CERTIFIED), false);
		assert.equal(latestStatus(UNCERTIFIED)?.status, "NOT_FIDO_CERTIFIED");
		assert.equal(isCertified(UNCERTIFIED), false);
		assert.equal(isCompromised(UNCERTIFIED), false);
		// Its reports are newest first in the blob: the order of effectiveDate decides.
		assert.equal(latestStatus(REVOKED)?.status, "REVOKED");
		assert.equal(isCertified(REVOKED), false);
		assert.equal(isCompromised(REVOKED), true);
	});

	it("count a certification after a revocation, and a level certification as certified", () => {
		assert.equal(
			isCertified(
				entry([
					["FIDO_CERTIFIED", "2020-01-01"],
					["REVOKED", "2021-01-01"],
					["FIDO_CERTIFIED_L2plus", "2022-01-01"],
				]),
			),
			true,
		);
		assert.equal(
			isCertified(
				entry([
					["FIDO_CERTIFIED_L3", "2020-01-01"],
					["UPDATE_AVAILABLE", "2021-01-01"],
				]),
			),
			true,
		);
	});

	it("treat a compromise reported after certification as compromised but still certified", () => {
		const e = entry([
			["FIDO_CERTIFIED_L1", "2020-01-01"],
			["USER_VERIFICATION_BYPASS", "2023-05-01"],
		]);
		assert.equal(isCertified(e), true);
		assert.equal(isCompromised(e), true);
		for (const status of ["ATTESTATION_KEY_COMPROMISE", "USER_KEY_REMOTE_COMPROMISE", "USER_KEY_PHYSICAL_COMPROMISE"]) {
			assert.equal(isCompromised(entry([[status, "2023-01-01"]])), true, status);
		}
	});

	it("handle no reports, and reports without a date (oldest)", () => {
		assert.equal(latestStatus(entry([])), undefined);
		assert.equal(isCertified(entry([])), false);
		assert.equal(isCompromised(entry([])), false);
		assert.equal(
			latestStatus(
				entry([
					["REVOKED", "2020-01-01"],
					["FIDO_CERTIFIED", undefined],
				]),
			)?.status,
			"REVOKED",
		);
	});
});

describe("createMdsSource", () => {
	function counting(inner: MdsStore): MdsStore & { reads: { latest: number; latestNumber: number } } {
		const reads = { latest: 0, latestNumber: 0 };
		return {
			reads,
			put: (blob) => inner.put(blob),
			latest: () => {
				reads.latest++;
				return inner.latest();
			},
			latestNumber: () => {
				reads.latestNumber++;
				return inner.latestNumber();
			},
		};
	}

	it("answers null before an import, then the blob imported once the refresh interval passed", async () => {
		const mds = counting(createMemoryMdsStore());
		const clock = fixedClock("2025-01-01T00:00:00Z");
		const source = createMdsSource({ mds }, clock, { refreshMs: 60_000 });
		assert.equal(await source.current(), null);
		await mds.put(stored(7));
		assert.equal(await source.current(), null, "served from the cache within refreshMs");
		clock.advance(60_000);
		assert.equal((await source.current())?.no, 7);
		assert.deepEqual(mds.reads, { latest: 1, latestNumber: 2 });
	});

	it("reads the entries only when another number was imported", async () => {
		const mds = counting(createMemoryMdsStore());
		await mds.put(stored(7));
		const clock = fixedClock("2025-01-01T00:00:00Z");
		const source = createMdsSource({ mds }, clock);
		const first = await source.current();
		clock.advance(61_000);
		assert.equal(await source.current(), first, "same number: same catalog");
		assert.deepEqual(mds.reads, { latest: 1, latestNumber: 2 });
		await mds.put(stored(8, [CERTIFIED]));
		clock.advance(61_000);
		const second = await source.current();
		assert.equal(second?.no, 8);
		assert.deepEqual(second?.entries(), [CERTIFIED]);
		assert.deepEqual(mds.reads, { latest: 2, latestNumber: 3 });
	});

	it("shares one store read between concurrent callers", async () => {
		const mds = counting(createMemoryMdsStore());
		await mds.put(stored(7));
		const source = createMdsSource({ mds }, fixedClock("2025-01-01T00:00:00Z"));
		const results = await Promise.all([source.current(), source.current(), source.current()]);
		assert.equal(new Set(results).size, 1);
		assert.deepEqual(mds.reads, { latest: 1, latestNumber: 1 });
	});

	it("tries again at the next call when the store fails", async () => {
		const inner = createMemoryMdsStore();
		await inner.put(stored(7));
		let fail = true;
		const mds: MdsStore = {
			...inner,
			latestNumber: () => (fail ? Promise.reject(new Error("database down")) : inner.latestNumber()),
		};
		const source = createMdsSource({ mds }, fixedClock("2025-01-01T00:00:00Z"));
		await assert.rejects(source.current(), /database down/);
		fail = false;
		assert.equal((await source.current())?.no, 7);
	});
});
