/**
 * The storage interfaces. Routes and ceremonies depend only on these; only `store/<dialect>/` imports a driver.
 * Every method is scoped by `appId` (tenant isolation) and named after its use case.
 */

/** Per-app settings (relying-party configuration and policies). */
export interface AppSettings {
	/** The WebAuthn relying-party ID, e.g. "example.com". */
	rpId: string;
	/** Exact origins allowed for this app; empty = https on the RP ID or a subdomain (+ http://localhost for localhost). */
	allowedOrigins: string[];
	/** When true, a verify token can be verified repeatedly until it expires (upstream behaviour). */
	reusableVerifyTokens: boolean;
}

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
	backupEligible: boolean;
	backupState: boolean;
	discoverable: boolean | null;
	rpId: string;
	origin: string;
	device: string;
	country: string;
	nickname: string | null;
	createdAt: Date;
	lastUsedAt: Date;
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
}

/** An alias (e.g. an e-mail) that finds a user at sign-in. */
export interface Alias {
	/** base64(SHA-256(appId + alias)), the upstream scheme. */
	hash: string;
	/** Kept only when the alias was set with hashing off. */
	plaintext: string | null;
}

/** Server-side state between a ceremony's begin and complete. */
export interface Ceremony {
	/** SHA-256 of the session token, base64url. */
	id: string;
	appId: string;
	kind: "registration" | "authentication";
	/** JSON-serialisable state of the ceremony. */
	state: Record<string, unknown>;
	expiresAt: Date;
}

/** A register or verify token held server-side. */
export interface Token {
	/** SHA-256 of the token text, base64url. */
	id: string;
	appId: string;
	kind: "register" | "verify";
	payload: Record<string, unknown>;
	expiresAt: Date;
}

export interface AppStore {
	/** Creates an app and its keys atomically; `app_already_exists` when the id is taken. */
	create(app: App, keys: ApiKeyRecord[]): Promise<void>;
	findById(appId: string): Promise<App | null>;
	list(): Promise<App[]>;
}

export interface ApiKeyStore {
	listByApp(appId: string, kind: ApiKeyKind): Promise<ApiKeyRecord[]>;
}

export interface CredentialStore {
	findById(appId: string, credentialId: string): Promise<Credential | null>;
	listByUser(appId: string, userId: string): Promise<Credential[]>;
	/**
	 * Stores a new credential and, when `aliases` is not null, replaces the user's aliases, in one transaction.
	 * @throws credential_already_registered, alias_conflict
	 */
	register(credential: Credential, aliases: Alias[] | null): Promise<void>;
	/** Records a sign-in; false when the stored counter is no longer `expectedSignCount` (a concurrent use won). */
	recordUse(use: CredentialUse): Promise<boolean>;
}

export interface AliasStore {
	findUserId(appId: string, hash: string): Promise<string | null>;
	/** Returns the aliases among `hashes` that belong to a user other than `userId`. */
	findConflicts(appId: string, userId: string, hashes: string[]): Promise<string[]>;
	listByUser(appId: string, userId: string): Promise<Alias[]>;
}

export interface CeremonyStore {
	put(ceremony: Ceremony): Promise<void>;
	/** Atomically reads and deletes this app's ceremony; at most one caller ever receives it. */
	take(appId: string, id: string): Promise<Ceremony | null>;
}

export interface TokenStore {
	put(token: Token): Promise<void>;
	find(appId: string, id: string): Promise<Token | null>;
	/** Atomically reads and deletes this app's token; at most one caller ever receives it. */
	take(appId: string, id: string): Promise<Token | null>;
	/** Deletes tokens and ceremonies that expired before `now`; returns how many rows went. */
	purgeExpired(now: Date): Promise<number>;
}

/** The whole store. */
export interface Store {
	apps: AppStore;
	apiKeys: ApiKeyStore;
	credentials: CredentialStore;
	aliases: AliasStore;
	ceremonies: CeremonyStore;
	tokens: TokenStore;
	/** Resolves when the database answers. */
	ping(): Promise<void>;
	close(): Promise<void>;
}
