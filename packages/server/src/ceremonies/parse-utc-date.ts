import { PasskeyError } from "@latchkey/protocol";

/**
 * Parses an ISO-8601 date-time; one without an offset is UTC (as upstream; JavaScript would read it as local time).
 * Returns null for anything that is not a date-time.
 * @example parseUtcDate("2025-01-01T00:02:00") // 2025-01-01T00:02:00.000Z
 */
export function parseUtcDate(text: string): Date | null {
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
	if (!match) return null;
	const [, date, time = "00:00:00", zone] = match;
	const trimmedTime = time.replace(/(\.\d{3})\d+$/, "$1");
	const value = new Date(`${date}T${trimmedTime}${zone ? zone.toUpperCase() : "Z"}`);
	return Number.isNaN(value.getTime()) ? null : value;
}

/**
 * When a token asked for with an optional `expiresAt` expires: that instant, which must be a future date-time, or
 * `now` plus the default lifetime.
 * @param expiresAt - the request's `expiresAt`, if any
 * @param defaults - "now" and the default lifetime in seconds
 * @throws invalid_argument for text that is not a date-time, or one not in the future
 * @example tokenExpiry("2025-01-01T01:00:00Z", { now, ttlSeconds: 120 }) // 2025-01-01T01:00:00.000Z
 */
export function tokenExpiry(expiresAt: string | null | undefined, defaults: { now: Date; ttlSeconds: number }): Date {
	const { now, ttlSeconds } = defaults;
	if (!expiresAt) return new Date(now.getTime() + ttlSeconds * 1000);
	const parsed = parseUtcDate(expiresAt);
	if (!parsed) throw new PasskeyError("invalid_argument", { detail: "expiresAt must be an ISO-8601 date-time." });
	if (parsed <= now) throw new PasskeyError("invalid_argument", { detail: "expiresAt must be in the future." });
	return parsed;
}
