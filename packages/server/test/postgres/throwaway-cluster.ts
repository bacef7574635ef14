// The helper lives in @latchkey/test-support (packages/test-support), shared with bench/; this keeps the tests'
// existing imports working.

export type { ClusterOptions, ThrowawayCluster } from "@latchkey/test-support";
export { findPostgresBin, postgresSkip, startThrowawayCluster } from "@latchkey/test-support";
