import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * A secret kept in a file: read it, or create 32 random bytes (base64url) there (mode 0600) the first time.
 * @param file - where the secret lives
 * @returns the secret (trimmed)
 * @example
 * const secret = process.env.DEMO_SESSION_SECRET ?? readOrCreateSecret("data/demo-session-secret");
 */
export function readOrCreateSecret(file: string): string {
	if (existsSync(file)) return readFileSync(file, "utf8").trim();
	const secret = randomBytes(32).toString("base64url");
	writeFileSync(file, `${secret}\n`, { mode: 0o600 });
	return secret;
}
