import type { ErrorCode } from "@latchkey/protocol";
import type { LatchkeyClientErrorCode } from "./latchkey-error.ts";

/**
 * The `errorCode` of a {@link LatchkeyError}: a server code from the catalog (`ErrorCode` of `@latchkey/protocol`,
 * listed in docs/errors.md), one of the SDK's own {@link LatchkeyClientErrorCode}s, or any other string.
 *
 * The open end is deliberate: a newer server may answer with a code this version of the SDK does not know, and the
 * error carries it unchanged rather than turning it into `unknown`. The known codes still autocomplete and narrow.
 * @example
 * const retryable: LatchkeyErrorCode[] = ["network_error", "timeout", "service_unavailable", "rate_limited"];
 * if (err instanceof LatchkeyError && retryable.includes(err.errorCode)) scheduleRetry();
 */
export type LatchkeyErrorCode = ErrorCode | LatchkeyClientErrorCode | (string & {});
