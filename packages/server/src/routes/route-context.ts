import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { SignatureVerifier } from "../signatures/signature-verifier.ts";

/** What every route plugin receives through `register` options. */
export interface RouteContext {
	deps: Deps;
	config: Config;
	/** Where sign-in signatures are checked (signature threads, one set per app instance); default: in the request's thread. */
	signatures?: SignatureVerifier;
}
