import { parseApiDate } from "./parse-api-date.ts";

/**
 * {@link parseApiDate} for members that may be `null` or absent (e.g. `lastUsedAt` of a passkey never used).
 * @param value - the JSON value
 * @param field - the member's name, for the error
 * @returns the date, or `null`
 * @throws {LatchkeyError} `invalid_response` when the value is neither null nor a date-time string
 * @example
 * parseOptionalApiDate(null, "lastUsedAt"); // null
 */
export function parseOptionalApiDate(value: unknown, field: string): Date | null {
	return value === null || value === undefined ? null : parseApiDate(value, field);
}
