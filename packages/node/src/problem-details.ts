import type { ProblemDetails as WireProblemDetails } from "@latchkey/protocol";

/**
 * An `application/problem+json` body (RFC 9457) as `@latchkey/node` received it: the protocol's `ProblemDetails`
 * with every member optional, because the SDK keeps whatever JSON error body came back, also from a proxy or a server
 * that writes fewer members. `errorCode` is the stable, machine-readable code (see the server's docs/errors.md);
 * `title` is fixed per code; `detail` explains this occurrence. Other members pass through: `traceId`, `errors`
 * (validation messages per field), `credentialId`, …
 * @example
 * const problem: ProblemDetails = { type: "https://docs.passwordless.dev/guide/errors.html#expired_token", title: "The token has expired.", status: 403, errorCode: "expired_token" };
 */
export type ProblemDetails = Partial<WireProblemDetails>;
