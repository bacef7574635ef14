import type { Credential } from "@latchkey/node";

/** A passkey as the dashboard shows it. */
export interface PasskeyView {
	/** The credential id (base64url), used to delete or rename it. */
	id: string;
	/** The name the user gave it (kept by Latchkey: `POST /credentials/update`). */
	nickname: string | null;
	/** Browser and OS at registration, e.g. "Chrome, Linux". */
	device: string;
	/**
	 * The passkey provider (Apple Passwords, Google Password Manager, …): Latchkey's `authenticatorName`, named from the
	 * AAGUID; `null` when Latchkey does not know it (the all-zero AAGUID, a server without the extension).
	 */
	provider: string | null;
	/** `true` synced (backed up), `false` on this device only, `null` when the authenticator did not say. */
	synced: boolean | null;
	createdAt: string;
	lastUsedAt: string | null;
}

/**
 * Turns a Latchkey credential into what the dashboard shows.
 * @param credential - from `latchkey.listCredentials`
 * @example
 * const views = credentials.map((credential) => toPasskeyView(credential));
 */
export function toPasskeyView(credential: Credential): PasskeyView {
	return {
		id: credential.descriptor.id,
		nickname: credential.nickname || null,
		device: credential.device,
		provider: credential.authenticatorName ?? null,
		synced: credential.backupState,
		createdAt: credential.createdAt.toISOString(),
		lastUsedAt: credential.lastUsedAt ? credential.lastUsedAt.toISOString() : null,
	};
}
