import type {
	AttestationConveyancePreference,
	PublicKeyCredentialHint,
	UserSummaryJson,
	UserVerificationRequirement,
} from "@latchkey/protocol";
import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";

/**
 * The entities the store keeps: apps and their keys, credentials and aliases, ceremonies, tokens, auth configs, audit
 * events, and the records of an export. Plain data; the interfaces that read and write them are in `store.ts`.
 */

/** Per-app settings (relying-party configuration and policies). */
export interface AppSettings {
	/** The WebAuthn relying-party ID, e.g. "example.com". */
	rpId: string;
	/** Exact origins allowed for this app; empty = https on the RP ID or a subdomain (+ http://localhost for localhost). */
	allowedOrigins: string[];
	/** When true, a verify token can be verified repeatedly until it expires (upstream behaviour). */
	reusableVerifyTokens: boolean;
	/** Days the event log keeps entries; 0 turns the event log off. */
	eventRetentionDays: number;
	/**
	 * Web origins on other domains that use this app's RP ID (WebAuthn L3 related origin requests): ceremonies from
	 * them pass the origin policy, and they are listed in the app's `/.well-known/webauthn` document. Absent = none.
	 */
	relatedOrigins?: string[];
	/** Top-level origins that may embed this app's ceremonies in a cross-origin iframe (clientData `topOrigin`). Absent = none. */
	allowedTopOrigins?: string[];
	/** Whether `POST /signin/generate-token` may be used. */
	generateSigninTokensEnabled: boolean;
	/** Whether magic links may be sent (kept for the upstream features switch; magic links are not built yet). */
	magicLinksEnabled: boolean;
	/**
	 * The attestation conveyance registrations ask for unless the register token says otherwise (`none` when absent).
	 * A `strict` app asks for `direct` instead of `none`.
	 */
	attestation?: AttestationConveyance;
	/** `permissive` (absent): record what each attestation proves; `strict`: register only trusted, certified authenticators. */
	attestationMode?: "permissive" | "strict";
	/** Refuse synced (backup-eligible) passkeys: only device-bound credentials register. Absent = false. */
	deviceBoundOnly?: boolean;
	/** The AAGUID allow and deny lists (`/authenticators/*`); absent = empty. */
	authenticators?: AuthenticatorListEntry[];
	/** Per-minute limits that override the server's (`LATCHKEY_RATE_LIMIT_*`); 0 = no limit. */
	rateLimits?: { perIp?: number; perApp?: number; perKey?: number };
}

/** The attestation conveyance preferences (WebAuthn L3 §5.4.7), as upstream's `attestation` field takes them. */
export type AttestationConveyance = AttestationConveyancePreference;

/** One AAGUID on an app's allow list (`isAllowed`) or deny list. */
export interface AuthenticatorListEntry {
	aaguid: string;
	isAllowed: boolean;
	createdAt: string;
}

/** Settings a new app gets unless told otherwise (upstream's defaults: generate-token and magic links on). */
export const DEFAULT_APP_SETTINGS: Omit<AppSettings, "rpId" | "allowedOrigins"> = {
	reusableVerifyTokens: false,
	eventRetentionDays: 365,
	generateSigninTokensEnabled: true,
	magicLinksEnabled: true,
};

/** An application (tenant). */
export interface App {
	id: string;
	settings: AppSettings;
	createdAt: Date;
}

export type ApiKeyKind = "public" | "secret";
export type ApiKeyScope = "register" | "login" | "token_register" | "token_verify";

/** An API key as stored: the key itself only as a salted hash. */
export interface ApiKeyRecord {
	/** Opaque id (the last 4 characters of the key, as upstream, plus the kind). */
	id: string;
	appId: string;
	kind: ApiKeyKind;
	scopes: ApiKeyScope[];
	salt: Uint8Array;
	hash: Uint8Array;
	locked: boolean;
	createdAt: Date;
}

/** A stored passkey. */
export interface Credential {
	appId: string;
	/** base64url, no padding. */
	credentialId: string;
	userId: string;
	/** base64url of the WebAuthn user.id bytes. */
	userHandle: string;
	/** COSE_Key bytes. */
	publicKey: Uint8Array;
	signCount: number;
	transports: string[];
	aaguid: string;
	attestationFmt: string;
	/** What the attestation proved at registration; null for credentials registered before it was recorded. */
	attestationTrust: AttestationRecord | null;
	backupEligible: boolean;
	backupState: boolean;
	discoverable: boolean | null;
	rpId: string;
	origin: string;
	device: string;
	country: string;
	nickname: string | null;
	/** The passkey supports the PRF extension (reported at registration or shown at a sign-in); never cleared. */
	prfSupported: boolean;
	createdAt: Date;
	lastUsedAt: Date;
}

/** A credential's attestation as judged when it was registered (webauthn/attestation-trust.ts). */
export interface AttestationRecord {
	/** The statement's certificate chain reached a trust anchor. */
	trusted: boolean;
	/** Why, in one sentence. */
	reason: string;
	/** The FIDO metadata's latest status for the authenticator, when it had an entry. */
	metadataStatus?: string;
	/** The FIDO metadata lists a certification (and no compromise). */
	certified?: boolean;
}

/** The outcome of a successful sign-in, recorded on the credential with compare-and-swap on the counter. */
export interface CredentialUse {
	appId: string;
	credentialId: string;
	/** The counter the check was made against; the update only applies while it is still stored. */
	expectedSignCount: number;
	signCount: number;
	backupState: boolean;
	usedAt: Date;
	device: string;
	country: string;
	/** The sign-in showed PRF support: sets the credential's `prfSupported` (false or absent leaves it as it is). */
	prfSupported?: boolean;
}

/** An alias (e.g. an e-mail) that finds a user at sign-in. */
export interface Alias {
	/** base64(SHA-256(appId + alias)), the upstream scheme. */
	hash: string;
	/** Kept only when the alias was set with hashing off. */
	plaintext: string | null;
}

/** One user of an app, as `GET /users/list` shows it ({@link UserSummaryJson}, with `lastUsedAt` as a `Date`). */
export interface UserSummary extends Omit<UserSummaryJson, "lastUsedAt"> {
	lastUsedAt: Date | null;
}

/** An authentication configuration: what a sign-in for a purpose requires and how long its verify token lives. */
export interface AuthConfig {
	appId: string;
	purpose: string;
	userVerification: UserVerificationRequirement;
	timeToLiveSeconds: number;
	hints: PublicKeyCredentialHint[];
	createdBy: string;
	createdOn: Date | null;
	editedBy: string | null;
	editedOn: Date | null;
	lastUsedOn: Date | null;
}

/** An audit-log entry (upstream event type names). */
export interface AuditEvent {
	appId: string;
	performedAt: Date;
	eventType: string;
	severity: "Informational" | "Warning" | "Error" | "Alert";
	message: string;
	performedBy: string;
	subject: string;
	apiKeyId: string;
}

/** What a registration session keeps between `/register/begin` and `/register/complete` (stored as JSON). */
export interface RegistrationState {
	challenge: string;
	origin: string;
	rpId: string;
	userId: string;
	userHandle: string;
	userVerification: string;
	aliases: Alias[] | null;
	/** The attestation conveyance the options asked for (absent on sessions begun before it was kept: `none`). */
	attestation?: AttestationConveyance;
}

/** What a sign-in session keeps between `/signin/begin` and `/signin/complete` (stored as JSON). */
export interface AuthenticationState {
	challenge: string;
	origin: string;
	rpId: string;
	userVerification: string;
	allowCredentials: string[];
	purpose: string;
	/** Lifetime of the verify token this sign-in yields (from the purpose's configuration). */
	ttlSeconds: number;
	/**
	 * The user a `signin_` token bound this sign-in to: the passkey must be theirs, even when `allowCredentials` is
	 * empty. Absent on sign-ins begun by userId, alias or discoverable.
	 */
	boundUserId?: string;
}

/** What every stored ceremony has, whatever its kind. */
interface CeremonySession {
	/** SHA-256 of the session token, base64url. */
	id: string;
	appId: string;
	expiresAt: Date;
}

/** Server-side state between a ceremony's begin and complete; `kind` tells which state it carries. */
export type Ceremony =
	| (CeremonySession & { kind: "registration"; state: RegistrationState })
	| (CeremonySession & { kind: "authentication"; state: AuthenticationState });

/** A register, sign-in or verify token held server-side. */
export interface Token {
	/** SHA-256 of the token text, base64url. */
	id: string;
	appId: string;
	/**
	 * `register`, `signin`, `verify` (the passwordless.dev API); the Cognito front door's `cognito_refresh` (a refresh
	 * token), `cognito_session` (one sign-in's tokens, by origin_jti), `cognito_signout` (a user's GlobalSignOut time)
	 * and `cognito_registration` (the pending passkey registration of a user).
	 */
	kind: "register" | "signin" | "verify" | "cognito_refresh" | "cognito_session" | "cognito_signout" | "cognito_registration";
	payload: Record<string, unknown>;
	expiresAt: Date;
}

/** A Cognito-style user pool: the second front door (AWS JSON 1.1) onto one app. */
export interface UserPool {
	/** `<region>_<9 alphanumerics>`, e.g. `us-east-1_Ab12Cd34E`. */
	id: string;
	appId: string;
	region: string;
	/** The app client id: 26 lowercase letters and digits. */
	clientId: string;
	createdAt: Date;
}

/** An RS256 key a pool signs its ID and access tokens with (JWK members as strings). */
export interface SigningKey {
	poolId: string;
	kid: string;
	publicJwk: Record<string, string>;
	privateJwk: Record<string, string>;
	/** When it stopped signing (a newer key became current), or null while it is the current key. */
	retiredAt: Date | null;
	createdAt: Date;
}

/**
 * One durable record of `latchkey export` / `latchkey import`. Ceremony state and tokens live minutes and are not
 * carried; everything else is, with secrets exactly as stored (salted hashes), so the same API keys keep working.
 */
export type TransferRecord =
	| { type: "app"; app: App }
	| { type: "apiKey"; apiKey: ApiKeyRecord }
	| { type: "authConfig"; authConfig: AuthConfig }
	| { type: "credential"; credential: Credential }
	| { type: "alias"; appId: string; userId: string; alias: Alias }
	| { type: "pool"; pool: UserPool }
	| { type: "signingKey"; appId: string; key: SigningKey }
	| { type: "event"; event: AuditEvent };

/** How many records of each type an import loaded. */
export type TransferCounts = Record<TransferRecord["type"], number>;

/**
 * The FIDO Metadata Service (MDS3) blob last imported with `latchkey mds import`, after its signature chain and
 * `nextUpdate` were checked. Only the latest is kept.
 */
export interface StoredMdsBlob {
	/** The blob's serial number (higher is newer). */
	no: number;
	/** The blob's `nextUpdate` date, as midnight UTC of that day. */
	nextUpdate: Date;
	legalHeader: string;
	importedAt: Date;
	/** The metadata entries as the blob carries them (the real blob has a few thousand: 5–8 MB of JSON). */
	entries: MetadataBLOBPayloadEntry[];
}
