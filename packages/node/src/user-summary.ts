import type { UserSummaryJson } from "@latchkey/protocol";

/**
 * One user of the app, from `listUsers`: the wire object (`UserSummaryJson` of `@latchkey/protocol`) with
 * `lastUsedAt` as a `Date`; members a newer server adds pass through.
 * @example
 * const users: UserSummary[] = await latchkey.listUsers();
 * const stale = users.filter((u) => u.lastUsedAt && u.lastUsedAt < new Date("2025-01-01"));
 */
export interface UserSummary extends Omit<UserSummaryJson, "lastUsedAt"> {
	lastUsedAt: Date | null;
	[member: string]: unknown;
}
