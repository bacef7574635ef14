import { invalidResponse } from "./invalid-response.ts";

/** `[d.]hh:mm:ss[.fffffff]`, the .NET `TimeSpan` text form. */
const TIME_SPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/**
 * Reads a lifetime as seconds: `/auth-configs/list` answers whole seconds, and a `TimeSpan` string is accepted too.
 * @param value - the JSON value (`120` or `"00:02:00"`)
 * @returns whole seconds
 * @throws {LatchkeyError} `invalid_response` for anything else
 * @example
 * parseTimeToLive("1.00:00:00"); // 86400
 */
export function parseTimeToLive(value: unknown): number {
	if (typeof value === "number" && Number.isFinite(value)) return value;
	const match = typeof value === "string" ? TIME_SPAN.exec(value) : null;
	if (match) {
		const [, days = "0", hours = "0", minutes = "0", seconds = "0"] = match;
		return Number(days) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
	}
	throw invalidResponse(`timeToLive is neither seconds nor a TimeSpan: ${JSON.stringify(value)?.slice(0, 40)}.`);
}
