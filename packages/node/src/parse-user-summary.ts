import { parseOptionalApiDate } from "./parse-optional-api-date.ts";
import type { UserSummary } from "./user-summary.ts";

/**
 * Reads one user of `/users/list`, with `lastUsedAt` as a `Date`.
 * @param item - one element of `values`
 * @returns the user summary
 * @throws {LatchkeyError} `invalid_response` when `lastUsedAt` is not a date-time
 * @example
 * const users = values.map(parseUserSummary);
 */
export function parseUserSummary(item: Record<string, unknown>): UserSummary {
	return { ...item, lastUsedAt: parseOptionalApiDate(item.lastUsedAt, "lastUsedAt") } as UserSummary;
}
