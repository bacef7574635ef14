import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StoredMdsBlob } from "../store.ts";
import { type ConformanceStores, T0 } from "./fixtures.ts";

function blob(no: number, entries: StoredMdsBlob["entries"]): StoredMdsBlob {
	return { no, nextUpdate: new Date("2025-02-01T00:00:00Z"), legalHeader: `legal ${no}`, importedAt: T0, entries };
}

const ENTRY: StoredMdsBlob["entries"][number] = {
	aaguid: "11111111-2222-3333-4444-555555555555",
	statusReports: [{ status: "FIDO_CERTIFIED_L1", effectiveDate: "2024-03-01" }],
	timeOfLastStatusChange: "2024-03-01",
};

/** The FIDO metadata blob part of the store conformance suite. */
export function describeMds(stores: ConformanceStores): void {
	describe("FIDO metadata blob", () => {
		it("has no blob and no number before an import", async () => {
			const store = await stores.empty();
			assert.equal(await store.mds.latest(), null);
			assert.equal(await store.mds.latestNumber(), null);
		});

		it("keeps the blob put, entries and dates intact", async () => {
			const store = await stores.empty();
			const first = blob(41, [ENTRY, { ...ENTRY, aaguid: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", statusReports: [] }]);
			await store.mds.put(first);
			assert.deepEqual(await store.mds.latest(), first);
			assert.equal(await store.mds.latestNumber(), 41);
		});

		it("replaces the stored blob with the next one put, newer or older", async () => {
			const store = await stores.empty();
			await store.mds.put(blob(41, [ENTRY]));
			const newer = { ...blob(42, []), importedAt: new Date(T0.getTime() + 60_000) };
			await store.mds.put(newer);
			assert.deepEqual(await store.mds.latest(), newer);
			assert.equal(await store.mds.latestNumber(), 42);
			await store.mds.put(blob(40, [ENTRY]));
			assert.equal(await store.mds.latestNumber(), 40);
			assert.deepEqual((await store.mds.latest())?.entries, [ENTRY]);
		});

		it("does not share objects with the caller", async () => {
			const store = await stores.empty();
			const put = blob(1, [structuredClone(ENTRY)]);
			await store.mds.put(put);
			(put.entries[0] as { aaguid?: string }).aaguid = "changed";
			const read = await store.mds.latest();
			assert.equal(read?.entries[0]?.aaguid, ENTRY.aaguid);
		});
	});
}
