import { invalidResponse } from "./invalid-response.ts";

/**
 * Checks that a JSON value is an array of objects.
 * @param value - the parsed JSON member
 * @param what - its name, for the error
 * @returns the items as records
 * @throws {LatchkeyError} `invalid_response`
 * @example
 * const values = expectArray(body.values, "values");
 */
export function expectArray(value: unknown, what: string): Record<string, unknown>[] {
	if (Array.isArray(value) && value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) {
		return value as Record<string, unknown>[];
	}
	throw invalidResponse(`${what} is not an array of objects.`);
}
