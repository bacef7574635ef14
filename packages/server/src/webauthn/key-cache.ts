import { type CoseKey, coseToKeyObject } from "./cose-key-object.ts";

/**
 * A bounded LRU of parsed public keys for the passkeys that sign in again and again, so those sign-ins do not decode
 * COSE and import a key every time. Keyed by the COSE bytes themselves, so a re-registered credential id can never
 * meet a stale key.
 *
 * Each `KeyObject` holds ~3.5 KB of OpenSSL memory that V8 does not see: one that lives in the cache long enough to
 * be promoted and is then evicted waits for a major GC, which the small JS heap rarely triggers. A cache that admitted
 * every key churned under many distinct passkeys and grew the process by hundreds of MiB in minutes (bench soak:
 * 242 → 551 MiB in 300 s). So a key is kept only from its **second** use within a while (`seen`, a bounded set of
 * recent keys), and at most `admitPerSecond` keys a second are admitted: a working set larger than the cache churns
 * at that rate at most. A key not kept is parsed, used and collected young.
 */
export class KeyCache {
	readonly #entries = new Map<string, CoseKey>();
	readonly #seen = new Set<string>();
	readonly #capacity: number;
	readonly #seenCapacity: number;
	readonly #admitPerSecond: number;
	readonly #now: () => number;
	#second = 0;
	#admitted = 0;

	/**
	 * @param options - `capacity`: keys kept @default 1000; `seenCapacity`: once-used keys remembered before all are
	 * forgotten @default 10000; `admitPerSecond` @default 20; `now` (ms) for tests
	 */
	constructor(options: { capacity?: number; seenCapacity?: number; admitPerSecond?: number; now?: () => number } = {}) {
		this.#capacity = options.capacity ?? 1000;
		this.#seenCapacity = options.seenCapacity ?? 10_000;
		this.#admitPerSecond = options.admitPerSecond ?? 20;
		this.#now = options.now ?? Date.now;
	}

	/**
	 * The parsed key for these COSE bytes: the cached one, or a new one (cached when this key was seen recently).
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
		if (!this.#seen.has(id)) {
			if (this.#seen.size >= this.#seenCapacity) this.#seen.clear();
			this.#seen.add(id);
			return parsed;
		}
		const second = Math.floor(this.#now() / 1000);
		if (second !== this.#second) {
			this.#second = second;
			this.#admitted = 0;
		}
		if (this.#admitted >= this.#admitPerSecond) return parsed;
		this.#admitted++;
		this.#seen.delete(id);
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
