/**
 * One alias of a user as `GET /alias/list` writes it (inside `{ values: [...] }`).
 * @example
 * const aliases: AliasPointer[] = (await (await fetch(`${apiUrl}/alias/list?userId=42`, init)).json()).values;
 * const names = aliases.map((a) => a.plaintext ?? "(hashed)");
 */
export interface AliasPointer {
	userId: string;
	/** The stored form: base64 of SHA-256(appId + alias). */
	alias: string;
	/** The alias itself when it was stored with hashing off, else `null`. */
	plaintext: string | null;
	/** The app id. */
	tenant: string;
}
