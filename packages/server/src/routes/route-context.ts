import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { KeyCache } from "../webauthn/key-cache.ts";

/** What every route plugin receives through `register` options. */
export interface RouteContext {
	deps: Deps;
	config: Config;
	/** Parsed public keys, kept between sign-ins (one cache per app instance). */
	keys?: KeyCache;
}
