import type { PublicKeyCredentialHint, UserSummaryJson, UserVerificationRequirement } from "@latchkey/protocol";

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
	/** Days the event log keeps entries; 0 turns the event log off. */
	eventRetentionDays: number;
	/** Whether `POST /signin/generate-token` may be used. */
	generateSigninTokensEnabled: boolean;
	/** Whether magic links may be sent (kept for the upstream features switch; magic links are not built yet). */
	magicLinksEnabled: boolean;
	/** Per-minute limits that override the server's (`LATCHKEY_RATE_LIMIT_*`); 0 = no limit. */
	rateLimits?: { perIp?: number; perApp?: number; perKey?: number };
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

/**
 * Rebuilds a stored ceremony from its columns: `kind`, and `state` as parsed from the JSON the store wrote for a
 * ceremony of that kind (the one place its type is taken on trust). A kind this server never writes gives null, so
 * such a row reads as no ceremony at all.
 * @param stored - the columns, named as in {@link Ceremony}
 */
export function restoreCeremony(stored: { id: string; appId: string; kind: string; state: unknown; expiresAt: Date }): Ceremony | null {
	const { id, appId, expiresAt } = stored;
	if (stored.kind === "registration") return { id, appId, kind: "registration", state: stored.state as RegistrationState, expiresAt };
	if (stored.kind === "authentication") return { id, appId, kind: "authentication", state: stored.state as AuthenticationState, expiresAt };
	return null;
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
	updateSettings(appId: string, settings: AppSettings): Promise<void>;
}

export interface ApiKeyStore {
	listByApp(appId: string, kind: ApiKeyKind): Promise<ApiKeyRecord[]>;
	/** Every key of the app, public and secret, oldest first. */
	listAll(appId: string): Promise<ApiKeyRecord[]>;
	/** Adds a key to an existing app (rotation). */
	add(record: ApiKeyRecord): Promise<void>;
	/** Locks or unlocks a key; false when the app has no such key. */
	setLocked(appId: string, keyId: string, locked: boolean): Promise<boolean>;
	/** Deletes a key; false when the app has no such key. */
	delete(appId: string, keyId: string): Promise<boolean>;
}

/** Fixed-window request counters (shared by every node on PostgreSQL; per process on SQLite). */
export interface RateLimitStore {
	/** Whether every process on the database counts in the same place (PostgreSQL), or each for itself (SQLite). */
	readonly shared: boolean;
	/** Counts one request for `key` in the window of `windowMs` that contains `now`. */
	hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }>;
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
	/** Deletes one credential; returns it, or null when the app has no such credential. */
	delete(appId: string, credentialId: string): Promise<Credential | null>;
	/** Users owning at least one credential, ordered by userId, at most `limit`. */
	listUsers(appId: string, limit: number): Promise<UserSummary[]>;
	/** How many distinct users own at least one credential. */
	countUsers(appId: string): Promise<number>;
	/** Deletes a user's credentials and aliases in one transaction; returns how many of each went. */
	deleteUser(appId: string, userId: string): Promise<{ credentials: number; aliases: number }>;
}

export interface AliasStore {
	findUserId(appId: string, hash: string): Promise<string | null>;
	/** Returns the aliases among `hashes` that belong to a user other than `userId`. */
	findConflicts(appId: string, userId: string, hashes: string[]): Promise<string[]>;
	listByUser(appId: string, userId: string): Promise<Alias[]>;
	/** Replaces all of a user's aliases atomically (an empty list deletes them). @throws alias_conflict */
	replaceForUser(appId: string, userId: string, aliases: Alias[]): Promise<void>;
}

export interface AuthConfigStore {
	list(appId: string): Promise<AuthConfig[]>;
	find(appId: string, purpose: string): Promise<AuthConfig | null>;
	/** @throws auth_config_already_exists */
	create(config: AuthConfig): Promise<void>;
	/** Inserts or replaces (used for the presets, which exist without a row). */
	save(config: AuthConfig): Promise<void>;
	delete(appId: string, purpose: string): Promise<boolean>;
}

export interface EventStore {
	append(event: AuditEvent): Promise<void>;
	/** Appends several entries in one write (in order); the event buffer flushes through it. */
	appendMany(events: AuditEvent[]): Promise<void>;
	/** Newest first. */
	list(appId: string, page: { offset: number; limit: number }): Promise<{ events: AuditEvent[]; total: number }>;
	/** Deletes the app's events older than `before`; returns how many went. */
	purge(appId: string, before: Date): Promise<number>;
}

/** What `/signin/complete` writes once the assertion has been verified, as one atomic write. */
export interface SignInFinish {
	/** The ceremony to take (it must still be there). */
	ceremony: { appId: string; id: string };
	/** The use to record, with compare-and-swap on the counter. */
	use: CredentialUse;
	/** Whether a failed compare-and-swap fails the sign-in (false for a passkey without a counter: 0 before and after). */
	counterMustMatch: boolean;
	/** The verify token to store. */
	token: Token;
}

/** What `/register/complete` writes once the response has been verified, as one atomic write. */
export interface RegistrationFinish {
	ceremony: { appId: string; id: string };
	credential: Credential;
	/** The user's aliases to set with the credential, or null to leave them. */
	aliases: Alias[] | null;
	token: Token;
}

export interface CeremonyStore {
	put(ceremony: Ceremony): Promise<void>;
	/** Reads this app's ceremony without taking it (the checks before a finish). */
	find(appId: string, id: string): Promise<Ceremony | null>;
	/** Atomically reads and deletes this app's ceremony; at most one caller ever receives it. */
	take(appId: string, id: string): Promise<Ceremony | null>;
	/**
	 * Finishes a sign-in in one atomic write: takes the ceremony, records the use and stores the verify token.
	 * @returns "ceremony_gone" when another caller took the ceremony first (nothing is written); "counter_conflict"
	 * when the counter moved and `counterMustMatch` (the ceremony is taken, no token is stored); otherwise "done"
	 */
	finishSignIn(finish: SignInFinish): Promise<"done" | "ceremony_gone" | "counter_conflict">;
	/**
	 * Finishes a registration in one atomic write: takes the ceremony, stores the credential (and aliases) and the
	 * verify token. Nothing is written when it throws.
	 * @returns "ceremony_gone" when another caller took the ceremony first (nothing is written), otherwise "done"
	 * @throws credential_already_registered, alias_conflict
	 */
	finishRegistration(finish: RegistrationFinish): Promise<"done" | "ceremony_gone">;
}

export interface TokenStore {
	put(token: Token): Promise<void>;
	find(appId: string, id: string): Promise<Token | null>;
	/** Atomically reads and deletes this app's token; at most one caller ever receives it. */
	take(appId: string, id: string): Promise<Token | null>;
	/** Deletes tokens and ceremonies that expired before `now`; returns how many rows went. */
	purgeExpired(now: Date): Promise<number>;
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
	| { type: "event"; event: AuditEvent };

/** How many records of each type an import loaded. */
export type TransferCounts = Record<TransferRecord["type"], number>;

/** Moves a whole store to another database (SQLite → PostgreSQL, or a backup). */
export interface TransferStore {
	/**
	 * Every durable record in a stable order: all apps, then API keys, auth configs, credentials, aliases and (when
	 * asked) events, each ordered by app and key (events oldest first). Reads one consistent snapshot where the
	 * database offers one.
	 */
	exportAll(options: { events: boolean }): AsyncIterable<TransferRecord>;
	/**
	 * Loads records into a store that holds no app yet, all in one transaction (nothing is kept when one fails).
	 * Apps must come before the records that name them, as {@link TransferStore.exportAll} writes them.
	 * @throws Error when the store already holds an app, or a record breaks a constraint
	 */
	importAll(records: AsyncIterable<TransferRecord>): Promise<TransferCounts>;
}

/** The app a transfer record belongs to. */
export function transferRecordAppId(record: TransferRecord): string {
	switch (record.type) {
		case "app":
			return record.app.id;
		case "apiKey":
			return record.apiKey.appId;
		case "authConfig":
			return record.authConfig.appId;
		case "credential":
			return record.credential.appId;
		case "alias":
			return record.appId;
		case "event":
			return record.event.appId;
	}
}

/** Counts that start an import. */
export function emptyTransferCounts(): TransferCounts {
	return { app: 0, apiKey: 0, authConfig: 0, credential: 0, alias: 0, event: 0 };
}

/** The whole store. */
export interface Store {
	apps: AppStore;
	apiKeys: ApiKeyStore;
	credentials: CredentialStore;
	aliases: AliasStore;
	ceremonies: CeremonyStore;
	tokens: TokenStore;
	authConfigs: AuthConfigStore;
	events: EventStore;
	transfer: TransferStore;
	rateLimits: RateLimitStore;
	/** Resolves when the database answers. */
	ping(): Promise<void>;
	close(): Promise<void>;
}
