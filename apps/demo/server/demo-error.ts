/** The stable error codes of the demo's JSON API; the front end translates them, never the `message`. */
export type DemoErrorCode =
	| "invalid_input"
	| "invalid_json"
	| "bad_origin"
	| "not_signed_in"
	| "session_expired"
	| "email_taken"
	| "unknown_account"
	| "invalid_token"
	| "step_up_required"
	| "step_up_failed"
	| "insufficient_funds"
	| "passkey_not_found"
	| "last_passkey"
	| "too_many_links"
	| "recovery_unavailable"
	| "link_invalid"
	| "not_found"
	| "latchkey_unreachable"
	| "internal_error";

/**
 * An expected failure of a demo API route, sent as `{ error: { code, message, fields? } }` with `status`.
 * @param code - stable code the front end branches on
 * @param status - HTTP status
 * @param message - English text for developers (the UI shows its own translated text)
 * @param fields - per-field problems for `invalid_input`
 * @example
 * throw new DemoError("email_taken", 409, "An account with this e-mail already exists.");
 */
export class DemoError extends Error {
	readonly code: DemoErrorCode;
	readonly status: number;
	readonly fields: Record<string, string> | undefined;

	constructor(code: DemoErrorCode, status: number, message: string, fields?: Record<string, string>) {
		super(message);
		this.name = "DemoError";
		this.code = code;
		this.status = status;
		this.fields = fields;
	}
}
