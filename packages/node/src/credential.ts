import type { CredentialJson } from "@latchkey/protocol";

/**
 * A passkey of a user, from `listCredentials` (reference §4.6): the wire object (`CredentialJson` of
 * `@latchkey/protocol`) with `createdAt`/`lastUsedAt` as `Date`s; members a newer server adds pass through. Delete it
 * with `deleteCredential(credential.descriptor.id)`.
 * @example
 * const [first] = await latchkey.listCredentials("42");
 * console.log(first?.nickname, first?.device, first?.lastUsedAt?.toISOString());
 */
export interface Credential extends Omit<CredentialJson, "createdAt" | "lastUsedAt"> {
	createdAt: Date;
	lastUsedAt: Date | null;
	[member: string]: unknown;
}
