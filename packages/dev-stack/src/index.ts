export type { AppKeys } from "./ensure-app-keys.ts";
export { ensureAppKeys } from "./ensure-app-keys.ts";
export { isBuildStale } from "./is-build-stale.ts";
export { LATCHKEY_BIN } from "./latchkey-bin.ts";
export { readOrCreateSecret } from "./read-or-create-secret.ts";
export type { LocalStackOptions, RunningApp } from "./run-local-stack.ts";
export { runLocalStack } from "./run-local-stack.ts";
export { startLatchkeyDev } from "./start-latchkey-dev.ts";
