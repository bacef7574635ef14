import { type CoseKey, coseToKeyObject } from "./cose-key-object.ts";

/**
 * A bounded LRU of parsed public keys, so a sign-in does not decode COSE and import a key every time. Keyed by the
 * COSE bytes themselves, so a re-registered credential id can never meet a stale key.
 */
export class KeyCache {
	readonly #entries = new Map<string, CoseKey>();
	readonly #capacity: number;

	/** @param capacity - how many keys to keep @default 10000 */
	constructor(capacity = 10_000) {
		this.#capacity = capacity;
	}

	/**
	 * The parsed key for these COSE bytes, parsing (and remembering) it on a miss.
	 * @throws when the bytes are not a usable COSE key
	 */
	get(coseKey: Uint8Array): CoseKey {
		const id = Buffer.from(coseKey.buffer, coseKey.byteOffset, coseKey.byteLength).toString("base64");
		const hit = this.#entries.get(id);
		if (hit) {
			this.#entries.delete(id);
			this.#entries.set(id, hit);
			return hit;
		}
		const parsed = coseToKeyObject(coseKey);
		this.#entries.set(id, parsed);
		if (this.#entries.size > this.#capacity) {
			const oldest = this.#entries.keys().next().value;
			if (oldest !== undefined) this.#entries.delete(oldest);
		}
		return parsed;
	}

	/** How many keys are cached. */
	get size(): number {
		return this.#entries.size;
	}
}
