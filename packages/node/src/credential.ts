/**
 * A passkey of a user, from `listCredentials` (reference §4.6), with `createdAt`/`lastUsedAt` as `Date`s. Delete it
 * with `deleteCredential(credential.descriptor.id)`.
 * @example
 * const [first] = await latchkey.listCredentials("42");
 * console.log(first?.nickname, first?.device, first?.lastUsedAt?.toISOString());
 */
export interface Credential {
	/** `id` is the credential id in base64url; `transports` when the browser reported them. */
	descriptor: { type: "public-key"; id: string; transports?: string[] };
	/** The COSE public key, standard base64. */
	publicKey: string;
	/** The WebAuthn user handle (UTF-8 of the userId), standard base64. */
	userHandle: string;
	signatureCounter: number;
	/** `none`, `packed`, … */
	attestationFmt: string;
	createdAt: Date;
	/** The authenticator model's GUID (all zeros when unknown). */
	aaGuid: string;
	lastUsedAt: Date | null;
	/** The RP ID at registration (all lower case on the wire, as upstream). */
	rpid: string;
	origin: string;
	country: string;
	device: string;
	nickname: string | null;
	userId: string;
	backupState: boolean | null;
	isBackupEligible: boolean | null;
	/** From the `credProps` extension; `null` when the browser did not say. */
	isDiscoverable: boolean | null;
	[member: string]: unknown;
}
