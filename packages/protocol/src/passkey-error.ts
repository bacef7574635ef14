import { ERROR_CODES, type ErrorCode } from "./error-codes.ts";

/** Extra members carried into the problem body (for example `credentialId` on `unknown_credential`). */
export type ProblemExtras = Record<string, string | number | boolean | null | Record<string, string[]>>;

/** Options for {@link PasskeyError}. */
export interface PasskeyErrorOptions {
	/** Human-readable, safe-to-show explanation of this occurrence. */
	detail?: string;
	/** The underlying error; logged, never serialized. */
	cause?: unknown;
	/** Extra members for the problem body. */
	extras?: ProblemExtras;
}

/**
 * The one error type of Latchkey: a stable `code` from the catalog, the HTTP `status` that goes with it, and an
 * optional `detail`. Servers turn it into an `application/problem+json` body; the SDKs parse it back.
 * @example throw new PasskeyError("expired_token", { detail: "The token expired 2 minutes ago." });
 */
export class PasskeyError extends Error {
	readonly code: ErrorCode;
	readonly status: number;
	readonly title: string;
	readonly detail: string | undefined;
	readonly extras: ProblemExtras | undefined;

	constructor(code: ErrorCode, options: PasskeyErrorOptions = {}) {
		super(options.detail ?? ERROR_CODES[code].title, { cause: options.cause });
		this.name = "PasskeyError";
		this.code = code;
		this.status = ERROR_CODES[code].status;
		this.title = ERROR_CODES[code].title;
		this.detail = options.detail;
		this.extras = options.extras;
	}
}

/**
 * Narrows an unknown error to a {@link PasskeyError}, optionally of one code.
 * @param error - anything caught
 * @param code - when given, the error must carry this code
 * @example if (isPasskeyError(err, "expired_token")) askForANewLink();
 */
export function isPasskeyError(error: unknown, code?: ErrorCode): error is PasskeyError {
	return error instanceof PasskeyError && (code === undefined || error.code === code);
}
