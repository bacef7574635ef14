import { hash } from "node:crypto";

/**
 * The upstream alias hash: base64(SHA-256(UTF-8(appId + alias))), case-sensitive, no normalisation (reference §4.4),
 * so aliases exported from Passwordless.dev keep working.
 * @example hashAlias("shop", "ada@example.com")
 */
export function hashAlias(appId: string, alias: string): string {
	return hash("sha256", appId + alias, "base64");
}
