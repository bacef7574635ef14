/**
 * Reads a time-to-live as upstream's auth-config routes take it: a .NET TimeSpan string (`hh:mm:ss`, `d.hh:mm:ss`,
 * optional fraction) or a number of seconds (number or numeric string). Returns whole seconds, or null.
 * @example parseTimeSpan("00:03:00") // 180
 */
export function parseTimeSpan(value: string | number): number | null {
	if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : null;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text);
	const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
	if (!match) return null;
	const [, days = "0", hours = "0", minutes = "0", seconds = "0"] = match;
	if (Number(minutes) > 59 || Number(seconds) > 59) return null;
	return Number(days) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}
