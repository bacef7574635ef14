/**
 * Writes seconds as a .NET `TimeSpan` string, the form upstream's `/auth-configs` routes read `timeToLive` in:
 * `hh:mm:ss`, with a `d.` day prefix from 24 hours on (`TimeSpan` refuses hours above 23).
 * @param seconds - a whole, non-negative number of seconds
 * @returns e.g. `"00:03:00"` for 180, `"7.00:00:00"` for 604800
 * @throws {RangeError} when `seconds` is negative or not an integer
 * @example
 * toTimeSpan(90); // "00:01:30"
 */
export function toTimeSpan(seconds: number): string {
	if (!Number.isSafeInteger(seconds) || seconds < 0)
		throw new RangeError(`timeToLive must be a whole number of seconds ≥ 0, got ${seconds}`);
	const days = Math.floor(seconds / 86400);
	const two = (n: number): string => String(n).padStart(2, "0");
	const clock = `${two(Math.floor((seconds % 86400) / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
	return days > 0 ? `${days}.${clock}` : clock;
}
