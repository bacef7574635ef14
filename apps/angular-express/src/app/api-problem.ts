/**
 * A failed call to the backend: its stable `error.code` (`network_error` when it could not be reached), the HTTP
 * status (0 without an answer) and its message.
 * @example
 * throw new ApiProblem("not_signed_in", 401, "Sign in first.");
 */
export class ApiProblem extends Error {
	readonly code: string;
	readonly status: number;

	constructor(code: string, status: number, message: string) {
		super(message);
		this.name = "ApiProblem";
		this.code = code;
		this.status = status;
	}
}
