/**
 * One user of the app, from `listUsers`.
 * @example
 * const users: UserSummary[] = await latchkey.listUsers();
 * const stale = users.filter((u) => u.lastUsedAt && u.lastUsedAt < new Date("2025-01-01"));
 */
export interface UserSummary {
	userId: string;
	aliasCount: number;
	/** Plain-text aliases; `null` for hashed ones. */
	aliases: (string | null)[];
	credentialsCount: number;
	lastUsedAt: Date | null;
	[member: string]: unknown;
}
