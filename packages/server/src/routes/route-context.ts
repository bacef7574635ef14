import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";

/** What every route plugin receives through `register` options. */
export interface RouteContext {
	deps: Deps;
	config: Config;
}
