import type { ErrorCode, ProblemDetails as WireProblemDetails } from "@latchkey/protocol";
import type { ClientErrorCode } from "./client-errors.ts";

/**
 * What every failed call returns in `error`, shaped like the upstream client's `ProblemDetails`.
 *
 * - `from: "server"`: the server's RFC 9457 problem body (the protocol's `ProblemDetails`), passed through unchanged
 *   (`errorCode`, `title`, `status`, `detail`, `type`, `traceId`, `credentialId` …). See the server's docs/errors.md
 *   for its codes.
 * - `from: "client"`: a {@link ClientErrorCode} with its fixed title; `detail` carries the browser's message and
 *   `cause` the original exception (a `DOMException`, `TypeError` …).
 *
 * `errorCode` is a client code, a server code of the catalog (`ErrorCode` of `@latchkey/protocol`), or any other
 * string: a newer server may send a code this version does not know, and it is passed through unchanged.
 *
 * @example
 * const { token, error } = await client.signinWithDiscoverable();
 * if (error?.from === "server") console.warn(error.errorCode, error.detail);
 */
export interface ProblemDetails extends Partial<WireProblemDetails> {
	from: "client" | "server";
	errorCode: ClientErrorCode | ErrorCode | (string & {});
	title: string;
	cause?: unknown;
}
