import type { AuthenticationResponseJSON } from "./authentication-response-json.ts";
import type { AuthenticatorFlags } from "./authenticator-flags.ts";
import { buildAuthenticationResponse } from "./build-authentication-response.ts";
import { buildRegistrationResponse } from "./build-registration-response.ts";
import { CoseAlgorithm } from "./cose-algorithm.ts";
import type { CreateCredentialOptions } from "./create-credential-options.ts";
import type { CredentialRecord } from "./credential-record.ts";
import type { CredentialSummary } from "./credential-summary.ts";
import { decodeBase64Url } from "./decode-base64url.ts";
import { encodeBase64Url } from "./encode-base64url.ts";
import { encodeCosePublicKey } from "./encode-cose-public-key.ts";
import { encodeSpkiPublicKey } from "./encode-spki-public-key.ts";
import { exportCredentialRecord } from "./export-credential-record.ts";
import type { ExportedCredential } from "./exported-credential.ts";
import { findCredential } from "./find-credential.ts";
import { generateCredentialKeyPair } from "./generate-credential-key-pair.ts";
import type { GetAssertionOptions } from "./get-assertion-options.ts";
import { importCredentialRecord } from "./import-credential-record.ts";
import { normalizeCredentialId } from "./normalize-credential-id.ts";
import { parseAaguid } from "./parse-aaguid.ts";
import { prefersResidentKey } from "./prefers-resident-key.ts";
import type { PublicKeyCredentialCreationOptionsJSON } from "./public-key-credential-creation-options-json.ts";
import type { PublicKeyCredentialDescriptorJSON } from "./public-key-credential-descriptor-json.ts";
import type { PublicKeyCredentialRequestOptionsJSON } from "./public-key-credential-request-options-json.ts";
import type { RegistrationResponseJSON } from "./registration-response-json.ts";
import { selectAlgorithm } from "./select-algorithm.ts";
import type { SoftAuthenticatorOptions } from "./soft-authenticator-options.ts";
import { summarizeCredentialRecord } from "./summarize-credential-record.ts";

const DEFAULT_FLAGS: AuthenticatorFlags = { up: true, uv: true, be: false, bs: false };
const DEFAULT_ALGORITHMS: CoseAlgorithm[] = [CoseAlgorithm.ES256, CoseAlgorithm.EdDSA, CoseAlgorithm.RS256];

/**
 * A software WebAuthn authenticator plus client: it turns server options JSON into the exact
 * JSON that `PublicKeyCredential.toJSON()` returns in a browser, with real keys and signatures.
 *
 * @example
 * ```ts
 * const authenticator = new SoftAuthenticator();
 * const registration = authenticator.createCredential(creationOptions, { origin: "https://example.com" });
 * const assertion = authenticator.getAssertion(requestOptions, { origin: "https://example.com" });
 * ```
 */
export class SoftAuthenticator {
	readonly #options: SoftAuthenticatorOptions;
	readonly #credentials = new Map<string, CredentialRecord>();

	/**
	 * Creates an empty authenticator.
	 *
	 * @param options - Authenticator-wide defaults (algorithms, format, AAGUID, flags, counter).
	 * @example
	 * ```ts
	 * const syncedPasskeys = new SoftAuthenticator({ flags: { be: true, bs: true }, fixedSignCount: 0 });
	 * ```
	 */
	constructor(options: SoftAuthenticatorOptions = {}) {
		this.#options = { ...options };
	}

	/**
	 * Answers `navigator.credentials.create()`: makes and stores a credential, returns the registration.
	 *
	 * @param options - The creation options JSON as the server sent it.
	 * @param call - The origin plus per-call overrides (alg, format, flags, rpId, clientData…).
	 * @returns The registration response JSON.
	 * @throws {DOMException} `InvalidStateError` for an excluded credential, `NotSupportedError` for no usable alg.
	 * @example
	 * ```ts
	 * const registration = authenticator.createCredential(options, { origin: "https://example.com", attestationFormat: "packed" });
	 * ```
	 */
	createCredential(options: PublicKeyCredentialCreationOptionsJSON, call: CreateCredentialOptions): RegistrationResponseJSON {
		const rpId = options.rp.id ?? new URL(call.origin).hostname;
		this.#assertNotExcluded(rpId, options.excludeCredentials ?? []);
		const alg = call.alg ?? selectAlgorithm(options.pubKeyCredParams, this.#options.algorithms ?? DEFAULT_ALGORITHMS);
		const flags: AuthenticatorFlags = { ...DEFAULT_FLAGS, ...this.#options.flags, ...call.flags };
		const idLength = call.credentialIdLength ?? this.#options.credentialIdLength ?? 32;
		if (!Number.isInteger(idLength) || idLength < 16 || idLength > 1023) {
			throw new RangeError(`credentialIdLength must be 16 to 1023, got ${idLength}`);
		}
		const rawId = crypto.getRandomValues(new Uint8Array(idLength));
		const { publicKey, privateKey } = generateCredentialKeyPair(alg);
		const fixedSignCount = call.fixedSignCount ?? this.#options.fixedSignCount;
		const signCount = call.signCount ?? fixedSignCount ?? 0;
		const record: CredentialRecord = {
			id: encodeBase64Url(rawId),
			rawId,
			rpId,
			alg,
			privateKey,
			cosePublicKey: encodeCosePublicKey(publicKey, alg),
			spkiPublicKey: encodeSpkiPublicKey(publicKey, alg),
			counter: signCount,
			fixedSignCount,
			userHandle: encodeBase64Url(decodeBase64Url(options.user.id)),
			discoverable: call.discoverable ?? prefersResidentKey(options.authenticatorSelection),
			backupEligible: flags.be,
			backupState: flags.bs,
		};
		this.#credentials.set(record.id, record);
		return buildRegistrationResponse(record, {
			clientData: { type: "webauthn.create", challenge: options.challenge, origin: call.origin, ...call.clientData },
			rpIdForHash: call.rpId ?? rpId,
			flags,
			signCount,
			aaguid: parseAaguid(call.aaguid ?? this.#options.aaguid ?? new Uint8Array(16)),
			attestationFormat: call.attestationFormat ?? this.#options.attestationFormat ?? "none",
			attestationCertificate: call.attestationCertificate ?? this.#options.attestationCertificate,
			authenticatorAttachment: call.authenticatorAttachment ?? this.#options.authenticatorAttachment ?? "platform",
			transports: call.transports ?? this.#options.transports ?? ["hybrid", "internal"],
		});
	}

	/**
	 * Answers `navigator.credentials.get()`: signs with the most recently created matching credential
	 * (a discoverable one when `allowCredentials` is empty) or with `call.credentialId`.
	 *
	 * @param options - The request options JSON as the server sent it.
	 * @param call - The origin plus per-call overrides (credentialId, flags, signCount, rpId, clientData…).
	 * @returns The authentication response JSON.
	 * @throws {DOMException} `NotAllowedError` when no stored credential matches.
	 * @example
	 * ```ts
	 * const assertion = authenticator.getAssertion({ challenge, rpId: "example.com" }, { origin: "https://example.com" });
	 * ```
	 */
	getAssertion(options: PublicKeyCredentialRequestOptionsJSON, call: GetAssertionOptions): AuthenticationResponseJSON {
		const rpId = options.rpId ?? new URL(call.origin).hostname;
		const record = findCredential(this.#credentials, {
			rpId,
			allowCredentials: options.allowCredentials ?? [],
			credentialId: call.credentialId,
		});
		const signCount = call.signCount ?? record.fixedSignCount ?? record.counter + 1;
		record.counter = signCount;
		const storedHandle = record.discoverable ? record.userHandle : undefined;
		return buildAuthenticationResponse(record, {
			clientData: { type: "webauthn.get", challenge: options.challenge, origin: call.origin, ...call.clientData },
			rpIdForHash: call.rpId ?? rpId,
			flags: { ...DEFAULT_FLAGS, ...this.#options.flags, be: record.backupEligible, bs: record.backupState, ...call.flags },
			signCount,
			userHandle: call.userHandle === null ? undefined : (call.userHandle ?? storedHandle),
			authenticatorAttachment: call.authenticatorAttachment ?? this.#options.authenticatorAttachment ?? "platform",
		});
	}

	/**
	 * Lists stored credentials in creation order, optionally for one RP ID.
	 *
	 * @param rpId - Only list credentials scoped to this RP ID.
	 * @returns The credential summaries (no private keys).
	 * @example
	 * ```ts
	 * const ids = authenticator.listCredentials("example.com").map((credential) => credential.id);
	 * ```
	 */
	listCredentials(rpId?: string): CredentialSummary[] {
		const records = [...this.#credentials.values()].filter((record) => rpId === undefined || record.rpId === rpId);
		return records.map(summarizeCredentialRecord);
	}

	/**
	 * Exports a credential with its private key, JSON-serializable, for fixtures and benchmarks.
	 *
	 * @param id - The credential id, base64url.
	 * @returns The exported credential.
	 * @throws {Error} When no credential has this id.
	 * @example
	 * ```ts
	 * const { id, publicKey, counter } = authenticator.exportCredential(registration.id);
	 * ```
	 */
	exportCredential(id: string): ExportedCredential {
		return exportCredentialRecord(this.#require(id));
	}

	/**
	 * Stores a previously exported credential (replacing one with the same id); it becomes the most recent.
	 *
	 * @param credential - A credential from `exportCredential()`, possibly after a JSON round trip.
	 * @example
	 * ```ts
	 * fresh.importCredential(JSON.parse(JSON.stringify(authenticator.exportCredential(id))));
	 * ```
	 */
	importCredential(credential: ExportedCredential): void {
		const record = importCredentialRecord(credential);
		this.#credentials.delete(record.id);
		this.#credentials.set(record.id, record);
	}

	/**
	 * Forgets a credential.
	 *
	 * @param id - The credential id, base64url.
	 * @returns Whether a credential was removed.
	 * @example
	 * ```ts
	 * authenticator.deleteCredential(registration.id);
	 * ```
	 */
	deleteCredential(id: string): boolean {
		return this.#credentials.delete(normalizeCredentialId(id));
	}

	#require(id: string): CredentialRecord {
		const record = this.#credentials.get(normalizeCredentialId(id));
		if (record === undefined) throw new Error(`No credential with id ${id}`);
		return record;
	}

	#assertNotExcluded(rpId: string, excluded: PublicKeyCredentialDescriptorJSON[]): void {
		for (const descriptor of excluded) {
			if (this.#credentials.get(normalizeCredentialId(descriptor.id))?.rpId === rpId) {
				throw new DOMException("A credential in excludeCredentials exists on this authenticator", "InvalidStateError");
			}
		}
	}
}
