/** The stable error codes of the backend's JSON API; the front end branches on these, never on the message. */
export type AppErrorCode =
	| "invalid_input"
	| "invalid_json"
	| "bad_origin"
	| "not_signed_in"
	| "session_expired"
	| "email_taken"
	| "unknown_account"
	| "invalid_token"
	| "passkey_not_found"
	| "not_found"
	| "latchkey_unreachable"
	| "internal_error";

/**
 * An expected failure of an API route, sent as `{ error: { code, message } }` with `status`.
 * @param code - stable code the front end branches on
 * @param status - HTTP status
 * @param message - safe to show, in English
 * @example
 * throw new AppError("not_signed_in", 401, "Sign in first.");
 */
export class AppError extends Error {
	readonly code: AppErrorCode;
	readonly status: number;

	constructor(code: AppErrorCode, status: number, message: string) {
		super(message);
		this.name = "AppError";
		this.code = code;
		this.status = status;
	}
}
