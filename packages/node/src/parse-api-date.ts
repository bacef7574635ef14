import { invalidResponse } from "./invalid-response.ts";

/** A date-time with no `Z` and no `±hh:mm`: upstream writes database timestamps this way, meaning UTC. */
const NO_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Parses a timestamp from the API as UTC. ISO-8601 with an offset is taken as is; one without an offset is UTC (as
 * upstream means it; JavaScript would read it as local time). Fractions beyond milliseconds are dropped.
 * @param value - the JSON value
 * @param field - the member's name, for the error
 * @returns the date
 * @throws {LatchkeyError} `invalid_response` when the value is not a date-time string
 * @example
 * parseApiDate("2023-04-21T13:33:50.0764103", "createdAt"); // 2023-04-21T13:33:50.076Z
 */
export function parseApiDate(value: unknown, field: string): Date {
	const date = typeof value === "string" ? new Date(NO_OFFSET.test(value) ? `${value}Z` : value) : new Date(Number.NaN);
	if (Number.isNaN(date.getTime())) {
		throw invalidResponse(`${field} is not a date-time: ${JSON.stringify(value)?.slice(0, 40)}.`);
	}
	return date;
}
