/** What one signature job should do about its key: send it or not, keep it, let go of another. */
export interface KeyPlan {
	/** The checker holds this key already: the job need not send it. */
	cached: boolean;
	/** Keep the key after this job. */
	keep: boolean;
	/** A kept key to let go of. */
	drop?: string;
}

/**
 * Which parsed public keys a signature checker keeps (a bounded LRU), for the passkeys that sign in again and again,
 * so those sign-ins do not import a key every time. The keys themselves live where they are used (a signature thread,
 * signature-checker.ts); this policy only names them, by the base64 of their COSE bytes, so a re-registered credential
 * id can never meet a stale key.
 *
 * Each `KeyObject` holds ~3.5 KB of OpenSSL memory that V8 does not see: one that lives in the cache long enough to
 * be promoted and is then evicted waits for a major GC, which the small JS heap rarely triggers. A cache that admitted
 * every key churned under many distinct passkeys and grew the process by hundreds of MiB in minutes (bench soak:
 * 242 → 551 MiB in 300 s). So a key is kept only from its **second** use within a while (`seen`, a bounded set of
 * recent keys), and at most `admitPerSecond` keys a second are admitted: a working set larger than the cache churns
 * at that rate at most. A key not kept is parsed, used and collected young.
 */
export class KeyCache {
	readonly #entries = new Set<string>();
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
	 * Plans the use of a key: cached (and now the most recent), or to parse, and kept when it was seen recently.
	 * @param id - the key's name
	 */
	plan(id: string): KeyPlan {
		if (this.#entries.has(id)) {
			this.#entries.delete(id);
			this.#entries.add(id);
			return { cached: true, keep: false };
		}
		if (!this.#seen.has(id)) {
			if (this.#seen.size >= this.#seenCapacity) this.#seen.clear();
			this.#seen.add(id);
			return { cached: false, keep: false };
		}
		const second = Math.floor(this.#now() / 1000);
		if (second !== this.#second) {
			this.#second = second;
			this.#admitted = 0;
		}
		if (this.#admitted >= this.#admitPerSecond) return { cached: false, keep: false };
		this.#admitted++;
		this.#seen.delete(id);
		this.#entries.add(id);
		if (this.#entries.size <= this.#capacity) return { cached: false, keep: true };
		const oldest = this.#entries.values().next().value as string;
		this.#entries.delete(oldest);
		return { cached: false, keep: true, drop: oldest };
	}

	/** Forgets one key (its checker could not keep it), or all of them (the checker was replaced). */
	forget(id?: string): void {
		if (id === undefined) this.#entries.clear();
		else this.#entries.delete(id);
	}

	/** How many keys are kept. */
	get size(): number {
		return this.#entries.size;
	}
}
