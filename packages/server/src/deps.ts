import type { FastifyBaseLogger } from "fastify";
import type { SignatureVerifier } from "./signatures/signature-verifier.ts";
import type { Store } from "./store/store.ts";

/** The source of "now". Only `clock.ts` reads the system time. */
export interface Clock {
	now(): Date;
}

/** The source of randomness. Only `random.ts` reads the system's CSPRNG. */
export interface Random {
	bytes(length: number): Uint8Array;
}

/** Everything the app needs from the outside world; built only by `main.ts` (or by a test). */
export interface Deps {
	store: Store;
	clock: Clock;
	random: Random;
	logger: FastifyBaseLogger;
	/**
	 * Where sign-in signatures are checked: `createSignatureVerifier({ threads })` — on signature threads, or with
	 * `threads: 0` on the request thread. Whoever builds it warms it after listening and closes it at shutdown.
	 */
	signatures: SignatureVerifier;
}
