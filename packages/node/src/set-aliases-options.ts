/**
 * What `setAliases` sends to `POST /alias`: the user's complete alias set (it replaces the current one; `[]` removes all).
 * @example
 * const options: SetAliasesOptions = { userId: "42", aliases: ["ada@example.com", "ada"], hashing: false };
 */
export interface SetAliasesOptions {
	userId: string;
	/** ≤ 10 aliases, each 1–250 characters, unique within the app (else `alias_conflict`). */
	aliases: string[];
	/** Store only the hash (`true`) or also the plain text (`false`). @default true */
	hashing?: boolean;
}
