// The helper lives in @latchkey/test-support (packages/test-support); this keeps the tests' existing imports working.
export { freePort } from "@latchkey/test-support";
