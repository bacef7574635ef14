import { readFileSync } from "node:fs";
import { PACKAGE_ROOT } from "./package-root.ts";

/** The server package's version (from its package.json), reported by /health/version and the OpenAPI document. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("package.json", PACKAGE_ROOT), "utf8")) as { version: string }).version;
