import type { ClientErrorCode } from "./client-errors.ts";

/**
 * What every failed call returns in `error`, shaped like the upstream client's `ProblemDetails`.
 *
 * - `from: "server"`: the server's RFC 9457 problem body, passed through unchanged (`errorCode`, `title`, `status`,
 *   `detail`, `type`, `traceId`, `credentialId` …). See the server's docs/errors.md for its codes.
 * - `from: "client"`: a {@link ClientErrorCode} with its fixed title; `detail` carries the browser's message and
 *   `cause` the original exception (a `DOMException`, `TypeError` …).
 *
 * @example
 * const { token, error } = await client.signinWithDiscoverable();
 * if (error?.from === "server") console.warn(error.errorCode, error.detail);
 */
export interface ProblemDetails {
	from: "client" | "server";
	errorCode: ClientErrorCode | (string & {});
	title: string;
	status?: number;
	detail?: string;
	cause?: unknown;
	[member: string]: unknown;
}
