// The helper lives in @latchkey/test-support (packages/test-support), shared with bench/; this keeps the tests'
// existing imports working.

export type { ServerProcess, TestApp } from "@latchkey/test-support";
export { startServer } from "@latchkey/test-support";
