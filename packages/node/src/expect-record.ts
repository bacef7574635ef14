import { invalidResponse } from "./invalid-response.ts";

/**
 * Checks that a JSON value is an object (not null, not an array).
 * @param value - the parsed JSON
 * @param what - its name, for the error
 * @returns the value as a record
 * @throws {LatchkeyError} `invalid_response`
 * @example
 * const body = expectRecord(response.body, "POST /register/token answer");
 */
export function expectRecord(value: unknown, what: string): Record<string, unknown> {
	if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
	throw invalidResponse(`${what} is not a JSON object.`);
}
