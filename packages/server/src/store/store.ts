import type {
	Alias,
	ApiKeyKind,
	ApiKeyRecord,
	App,
	AppSettings,
	AuditEvent,
	AuthConfig,
	Ceremony,
	Credential,
	CredentialUse,
	SigningKey,
	StoredMdsBlob,
	Token,
	TransferCounts,
	TransferRecord,
	UserPool,
	UserSummary,
} from "./model.ts";

/**
 * The storage interfaces. Routes and ceremonies depend only on these; only `store/<dialect>/` imports a driver.
 * Every method is scoped by `appId` (tenant isolation) and named after its use case. The entities they carry are
 * in `model.ts`, re-exported here for the many modules that import both.
 */

export type {
	Alias,
	ApiKeyKind,
	ApiKeyRecord,
	ApiKeyScope,
	App,
	AppSettings,
	AttestationConveyance,
	AttestationRecord,
	AuditEvent,
	AuthConfig,
	AuthenticationState,
	AuthenticatorListEntry,
	Ceremony,
	Credential,
	CredentialUse,
	RegistrationState,
	SigningKey,
	StoredMdsBlob,
	Token,
	TransferCounts,
	TransferRecord,
	UserPool,
	UserSummary,
} from "./model.ts";
export { DEFAULT_APP_SETTINGS } from "./model.ts";

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
	/** Sets (or, with null, clears) a credential's nickname; returns it as now stored, or null when the app has no such credential. */
	rename(appId: string, credentialId: string, nickname: string | null): Promise<Credential | null>;
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

/** Cognito-style user pools (one per app at most in practice) and their RS256 signing keys. */
export interface PoolStore {
	/** Creates a pool with its first (current) signing key, atomically; rejects when the id or client id is taken. */
	create(pool: UserPool, key: SigningKey): Promise<void>;
	findById(poolId: string): Promise<UserPool | null>;
	findByClientId(clientId: string): Promise<UserPool | null>;
	/** Every pool, ordered by id. */
	list(): Promise<UserPool[]>;
	/** The pool's signing keys, newest first; the current one has `retiredAt: null`. */
	listKeys(poolId: string): Promise<SigningKey[]>;
	/** Adds `key` as the current key and retires the previous current one at `key.createdAt`, atomically. */
	rotateKey(key: SigningKey): Promise<void>;
}

/**
 * The FIDO metadata blob (`latchkey mds import`): only the latest imported one is kept. Servers read it through
 * `createMdsSource`, which polls the cheap {@link MdsStore.latestNumber} to notice a new import.
 */
export interface MdsStore {
	/** Stores `blob` in place of the one stored (whatever its number: the caller decides whether an older one may replace it). */
	put(blob: StoredMdsBlob): Promise<void>;
	/** The stored blob with its entries, or null when none was imported. */
	latest(): Promise<StoredMdsBlob | null>;
	/** The stored blob's serial number (`no`) without reading its entries, or null when none was imported. */
	latestNumber(): Promise<number | null>;
}

/** Moves a whole store to another database (SQLite → PostgreSQL, or a backup). */
export interface TransferStore {
	/**
	 * Every durable record in a stable order: all apps, then API keys, auth configs, credentials, aliases, user pools, signing keys and (when
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

/** The whole store. */
export interface Store {
	apps: AppStore;
	apiKeys: ApiKeyStore;
	credentials: CredentialStore;
	aliases: AliasStore;
	ceremonies: CeremonyStore;
	tokens: TokenStore;
	authConfigs: AuthConfigStore;
	pools: PoolStore;
	mds: MdsStore;
	events: EventStore;
	transfer: TransferStore;
	rateLimits: RateLimitStore;
	/** Resolves when the database answers. */
	ping(): Promise<void>;
	close(): Promise<void>;
}
