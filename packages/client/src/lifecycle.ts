export type { Capabilities } from "./get-capabilities.ts";
export { getCapabilities } from "./get-capabilities.ts";
export type { LifecycleTokenResponse, RegisterOptions } from "./lifecycle-client.ts";
export { LifecycleClient } from "./lifecycle-client.ts";
export type { PrfOutputs } from "./prf-outputs.ts";
