import type { Credential } from "./credential.ts";
import { parseApiDate } from "./parse-api-date.ts";
import { parseOptionalApiDate } from "./parse-optional-api-date.ts";

/**
 * Reads one credential object of `/credentials/list`: the wire members unchanged, `createdAt`/`lastUsedAt` as `Date`s.
 * @param item - one element of `values`
 * @returns the credential
 * @throws {LatchkeyError} `invalid_response` when a timestamp is not a date-time
 * @example
 * const credentials = values.map(parseCredential);
 */
export function parseCredential(item: Record<string, unknown>): Credential {
	return {
		...item,
		createdAt: parseApiDate(item.createdAt, "createdAt"),
		lastUsedAt: parseOptionalApiDate(item.lastUsedAt, "lastUsedAt"),
	} as Credential;
}
