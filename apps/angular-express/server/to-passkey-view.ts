import type { Credential } from "@latchkey/node";

/** A passkey as the page lists it. */
export interface PasskeyView {
	/** The credential id (base64url): what `DELETE /api/credentials/:id` takes. */
	id: string;
	/** The name given at registration, else the device it was made on. */
	nickname: string;
	createdAt: string;
	lastUsedAt: string | null;
}

/**
 * What the page shows of a Latchkey credential.
 * @param credential - from `latchkey.listCredentials`
 * @example
 * const passkeys = (await latchkey.listCredentials(userId)).map(toPasskeyView);
 */
export function toPasskeyView(credential: Credential): PasskeyView {
	return {
		id: credential.descriptor.id,
		nickname: credential.nickname || credential.device || "Passkey",
		createdAt: credential.createdAt.toISOString(),
		lastUsedAt: credential.lastUsedAt ? credential.lastUsedAt.toISOString() : null,
	};
}
