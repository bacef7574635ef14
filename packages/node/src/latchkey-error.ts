import type { LatchkeyErrorCode } from "./latchkey-error-code.ts";
import type { ProblemDetails } from "./problem-details.ts";

/**
 * The codes `@latchkey/node` produces itself, when there is no server answer to read, with their fixed titles.
 *
 * | errorCode | status | when |
 * |---|---|---|
 * | `network_error` | 0 | the server could not be reached (DNS, refused connection, reset) |
 * | `timeout` | 0 | no complete answer within `timeoutMs` (per attempt) |
 * | `invalid_response` | HTTP status | the answer is not JSON, or not the shape the route promises |
 * | `unknown` | HTTP status | an error body that names no `errorCode` and is not one of the known upstream shapes |
 */
export const CLIENT_ERRORS = {
	network_error: "The Latchkey server could not be reached.",
	timeout: "The Latchkey server did not answer in time.",
	invalid_response: "The Latchkey server sent an answer that could not be read.",
	unknown: "The Latchkey server answered with an error.",
} as const;

/** A code from {@link CLIENT_ERRORS}. */
export type LatchkeyClientErrorCode = keyof typeof CLIENT_ERRORS;

/** What {@link LatchkeyError} is built from. */
export interface LatchkeyErrorInit {
	status: number;
	errorCode: LatchkeyErrorCode;
	title: string;
	detail?: string | undefined;
	problem?: ProblemDetails | undefined;
	cause?: unknown;
}

/**
 * The one error every `Latchkey` method throws: the server's problem details (or a client code when there is no
 * answer to read). Branch on `errorCode`, never on `title` or `message`. The API secret never appears in it.
 * @param init - status (0 without an HTTP answer), errorCode, title, optional detail, problem body and cause
 * @example
 * try {
 *   await latchkey.verifyToken(token);
 * } catch (err) {
 *   if (err instanceof LatchkeyError && err.errorCode === "expired_token") return res.status(401).end();
 *   throw err;
 * }
 */
export class LatchkeyError extends Error {
	/** The HTTP status; 0 for `network_error` and `timeout`. */
	readonly status: number;
	/**
	 * The server's `errorCode` (a catalog `ErrorCode`, docs/errors.md) or a {@link LatchkeyClientErrorCode}; a code
	 * this SDK version does not know (from a newer server) is carried unchanged, hence the open {@link LatchkeyErrorCode}.
	 */
	readonly errorCode: LatchkeyErrorCode;
	/** The fixed title of the code. */
	readonly title: string;
	/** What happened this time; safe to show. */
	readonly detail: string | undefined;
	/** The whole problem body the server sent, when there was one. */
	readonly problem: ProblemDetails | undefined;

	constructor(init: LatchkeyErrorInit) {
		super(init.detail ? `${init.title} ${init.detail}` : init.title, init.cause === undefined ? undefined : { cause: init.cause });
		this.name = "LatchkeyError";
		this.status = init.status;
		this.errorCode = init.errorCode;
		this.title = init.title;
		this.detail = init.detail;
		this.problem = init.problem;
	}
}
