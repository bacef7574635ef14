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
