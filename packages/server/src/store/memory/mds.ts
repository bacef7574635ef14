import type { StoredMdsBlob } from "../model.ts";
import type { MdsStore } from "../store.ts";
import { copy } from "./memory-context.ts";

/** The FIDO metadata blob in memory (the latest one put). */
export function createMemoryMdsStore(): MdsStore {
	let stored: StoredMdsBlob | null = null;
	return {
		async put(blob) {
			stored = copy(blob);
		},
		async latest() {
			return stored === null ? null : copy(stored);
		},
		async latestNumber() {
			return stored?.no ?? null;
		},
	};
}
