import { readFileSync } from "node:fs";

/** The server package's version (from its package.json), reported by /health/version and the OpenAPI document. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
	.version;
