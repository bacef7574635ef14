/**
 * One user of the app as `GET /users/list` writes it (inside `{ values: [...] }`).
 * @example
 * const { values }: { values: UserSummaryJson[] } = await (await fetch(`${apiUrl}/users/list`, init)).json();
 */
export interface UserSummaryJson {
	userId: string;
	aliasCount: number;
	/** Plain-text aliases; `null` for hashed ones. */
	aliases: (string | null)[];
	credentialsCount: number;
	/** ISO-8601 UTC; `null` when the user has never signed in. */
	lastUsedAt: string | null;
}
