import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The checkout's `latchkey` command (packages/server/bin/latchkey.js), found through the workspace package.
 * @example
 * spawn(process.execPath, [LATCHKEY_BIN, "dev", "--port", "4000"]);
 */
export const LATCHKEY_BIN: string = join(
	dirname(createRequire(import.meta.url).resolve("@latchkey/server/package.json")),
	"bin",
	"latchkey.js",
);
