/**
 * A passkey as `/credentials/list` writes it (reference §4.6): `descriptor.id` base64url, `publicKey` and `userHandle`
 * standard base64, timestamps ISO-8601 UTC strings, `rpid` all lower case (as upstream spells it).
 *
 * The nullable members are the compatible contract: Latchkey always writes `lastUsedAt`, `backupState` and
 * `isBackupEligible`, but a Passwordless.dev server may send `null` for them, and SDKs read both.
 * @example
 * const { values }: { values: CredentialJson[] } = await (await fetch(`${apiUrl}/credentials/list?userId=42`, init)).json();
 */
export interface CredentialJson {
	/** `id` is the credential id in base64url; `transports` when the browser reported them. */
	descriptor: { type: "public-key"; id: string; transports?: string[] };
	/** The COSE public key, standard base64. */
	publicKey: string;
	/** The WebAuthn user handle (UTF-8 of the userId), standard base64. */
	userHandle: string;
	signatureCounter: number;
	/** `none`, `packed`, … */
	attestationFmt: string;
	createdAt: string;
	/** The authenticator model's GUID (all zeros when unknown). */
	aaGuid: string;
	lastUsedAt: string | null;
	/** The RP ID at registration. */
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
	/**
	 * Latchkey extension (not in Passwordless.dev, whose clients ignore it): the passkey provider's name from the AAGUID,
	 * e.g. "Google Password Manager"; absent when the AAGUID is unknown or all zeros.
	 */
	authenticatorName?: string;
	/**
	 * Latchkey extension: what the attestation proved at registration: whether its certificate chain reached a trust
	 * anchor and why, and the FIDO metadata's certification and latest status when it listed the authenticator.
	 * Absent for passkeys registered before Latchkey recorded it.
	 */
	attestationTrust?: { trusted: boolean; reason: string; certified?: boolean; metadataStatus?: string };
	/**
	 * Latchkey extension: the passkey supports the WebAuthn PRF extension (the browser reported `prf.enabled` at
	 * registration or returned PRF results at a sign-in). Always written by Latchkey; absent from other servers.
	 */
	prfSupported?: boolean;
}
