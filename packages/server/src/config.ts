import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/** Validated, frozen server configuration. */
export interface Config {
	/** TCP port. @default 4000 */
	port: number;
	/** Interface to listen on. @default "127.0.0.1" */
	host: string;
	/** `sqlite:<path>` (or a bare path), or `postgres://…` for the shared store. @default "sqlite:./data/latchkey.db" */
	databaseUrl: string;
	/** Lifetime of begin→complete ceremony state, seconds. @default 300 */
	sessionTtlSeconds: number;
	/** Default lifetime of register tokens, seconds. @default 120 */
	registerTokenTtlSeconds: number;
	/** Lifetime of verify tokens, seconds. @default 120 */
	verifyTokenTtlSeconds: number;
	/** WebAuthn `timeout` sent to browsers, milliseconds. @default 60000 */
	ceremonyTimeoutMs: number;
	/** Request header that carries the client's country code (e.g. Cloudflare's). @default "cf-ipcountry" */
	countryHeader: string;
	/** Largest accepted request body, bytes. @default 65536 */
	bodyLimitBytes: number;
	/** Serve the playground page and its helper routes for the local dev app. @default false */
	dev: boolean;
	/** The app the playground uses. @default "dev" */
	devAppId: string;
	/** pino log level. @default "info" */
	logLevel: string;
	/** SQLite `synchronous` pragma. @default "NORMAL" */
	sqliteSynchronous: "NORMAL" | "FULL";
	/** Most PostgreSQL connections one node holds. @default 10 */
	pgPoolSize: number;
	/** PostgreSQL `statement_timeout` for every query, milliseconds. @default 5000 */
	pgStatementTimeoutMs: number;
	/** How long to wait for a PostgreSQL connection (new or from the pool), milliseconds. @default 3000 */
	pgConnectTimeoutMs: number;
	/** Server processes `latchkey serve` runs (node:cluster, sharing the port); "auto" in the environment = one per core. @default 1 */
	workers: number;
	/** Threads each server process checks sign-in signatures on; 0 = on the request thread. @default 0 */
	signatureThreads: number;
	/** Requests per minute from one client address to the public routes; 0 = no limit. @default 600 */
	rateLimitPerIp: number;
	/** Requests per minute to one app's public routes, from everywhere; 0 = no limit. @default 30000 */
	rateLimitPerApp: number;
	/** Requests per minute with one secret key; 0 = no limit. @default 6000 */
	rateLimitPerKey: number;
	/** Which proxies to believe about the client address (X-Forwarded-For): "" = none, "true", a hop count, or addresses/CIDRs. @default "" */
	trustProxy: string;
	/**
	 * The server's public URL (scheme, host, optional path, no trailing slash): the user pools' token issuer is
	 * `<publicUrl>/<userPoolId>`. "" = derived from each request's protocol and Host header. @default ""
	 */
	publicUrl: string;
	/**
	 * A JSON file of passkey provider names by AAGUID (upstream `aaguid.json` / `combined_aaguid.json` shape, or the
	 * shipped `data/authenticator-names.json` shape) whose entries override and extend the shipped table. "" = the
	 * shipped table only. @default ""
	 */
	authenticatorNamesFile: string;
	/**
	 * The SMTP server magic links are sent through: `smtp://user:pass@host:587` (STARTTLS when offered) or
	 * `smtps://user:pass@host:465`. "" = no mail: `/magic-links/send` answers 503 `email_not_configured`. @default ""
	 */
	smtpUrl: string;
	/** The sender of magic-link mail, e.g. `Example <no-reply@example.com>`; required with `smtpUrl`. @default "" */
	smtpFrom: string;
	/** Default lifetime of a magic link's token when the request gives no `timeToLive`, seconds. @default 900 */
	magicLinkTtlSeconds: number;
	/** Magic links one app may send per day (fixed 24 h windows); 0 = no limit. @default 1000 */
	magicLinksPerAppPerDay: number;
	/** Magic links one e-mail address may receive per hour, per app; 0 = no limit. @default 5 */
	magicLinksPerAddressPerHour: number;
}

/** Raised by {@link loadConfig} for a setting it cannot accept. */
export class ConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "ConfigError";
	}
}

const DEFAULTS: Config = {
	port: 4000,
	host: "127.0.0.1",
	databaseUrl: "sqlite:./data/latchkey.db",
	sessionTtlSeconds: 300,
	registerTokenTtlSeconds: 120,
	verifyTokenTtlSeconds: 120,
	ceremonyTimeoutMs: 60000,
	countryHeader: "cf-ipcountry",
	bodyLimitBytes: 65536,
	dev: false,
	devAppId: "dev",
	logLevel: "info",
	sqliteSynchronous: "NORMAL",
	pgPoolSize: 10,
	pgStatementTimeoutMs: 5000,
	pgConnectTimeoutMs: 3000,
	workers: availableParallelism(),
	signatureThreads: 0,
	rateLimitPerIp: 600,
	rateLimitPerApp: 30000,
	rateLimitPerKey: 6000,
	trustProxy: "",
	publicUrl: "",
	authenticatorNamesFile: "",
	smtpUrl: "",
	smtpFrom: "",
	magicLinkTtlSeconds: 900,
	magicLinksPerAppPerDay: 1000,
	magicLinksPerAddressPerHour: 5,
};

/** The environment variables {@link loadConfig} reads, with the setting each one fills. */
export const ENV_VARS: Record<string, keyof Config> = {
	LATCHKEY_PORT: "port",
	LATCHKEY_HOST: "host",
	LATCHKEY_DATABASE_URL: "databaseUrl",
	LATCHKEY_SESSION_TTL_SECONDS: "sessionTtlSeconds",
	LATCHKEY_REGISTER_TOKEN_TTL_SECONDS: "registerTokenTtlSeconds",
	LATCHKEY_VERIFY_TOKEN_TTL_SECONDS: "verifyTokenTtlSeconds",
	LATCHKEY_CEREMONY_TIMEOUT_MS: "ceremonyTimeoutMs",
	LATCHKEY_COUNTRY_HEADER: "countryHeader",
	LATCHKEY_BODY_LIMIT_BYTES: "bodyLimitBytes",
	LATCHKEY_DEV: "dev",
	LATCHKEY_DEV_APP_ID: "devAppId",
	LATCHKEY_LOG_LEVEL: "logLevel",
	LATCHKEY_SQLITE_SYNCHRONOUS: "sqliteSynchronous",
	LATCHKEY_PG_POOL_SIZE: "pgPoolSize",
	LATCHKEY_PG_STATEMENT_TIMEOUT_MS: "pgStatementTimeoutMs",
	LATCHKEY_PG_CONNECT_TIMEOUT_MS: "pgConnectTimeoutMs",
	LATCHKEY_WORKERS: "workers",
	LATCHKEY_SIGNATURE_THREADS: "signatureThreads",
	LATCHKEY_RATE_LIMIT_PER_IP: "rateLimitPerIp",
	LATCHKEY_RATE_LIMIT_PER_APP: "rateLimitPerApp",
	LATCHKEY_RATE_LIMIT_PER_KEY: "rateLimitPerKey",
	LATCHKEY_TRUST_PROXY: "trustProxy",
	LATCHKEY_PUBLIC_URL: "publicUrl",
	LATCHKEY_AUTHENTICATOR_NAMES: "authenticatorNamesFile",
	LATCHKEY_SMTP_URL: "smtpUrl",
	LATCHKEY_SMTP_FROM: "smtpFrom",
	LATCHKEY_MAGIC_LINK_TTL_SECONDS: "magicLinkTtlSeconds",
	LATCHKEY_MAGIC_LINKS_PER_APP_PER_DAY: "magicLinksPerAppPerDay",
	LATCHKEY_MAGIC_LINKS_PER_ADDRESS_PER_HOUR: "magicLinksPerAddressPerHour",
};

function parseInteger(name: string, text: string, min: number, max: number): number {
	if (!/^\d+$/.test(text.trim())) throw new ConfigError(`${name} must be a whole number, got '${text}'`);
	const value = Number(text);
	if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
	return value;
}

/**
 * Builds the configuration from environment variables and explicit overrides (CLI flags win over the environment).
 * @param env - usually `process.env`
 * @param overrides - settings given as strings, e.g. from CLI flags
 * @throws ConfigError for a value it cannot use
 * @example const config = loadConfig(process.env, { port: "4000" });
 */
export function loadConfig(
	env: Record<string, string | undefined>,
	overrides: Partial<Record<keyof Config, string | boolean>> = {},
): Readonly<Config> {
	const raw: Partial<Record<keyof Config, string | boolean>> = {};
	for (const [variable, key] of Object.entries(ENV_VARS)) {
		const value = env[variable];
		if (value !== undefined && value !== "") raw[key] = value;
	}
	Object.assign(raw, Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)));

	const config: Config = { ...DEFAULTS };
	const text = (key: keyof Config): string | undefined => (raw[key] === undefined ? undefined : String(raw[key]));
	const int = (key: keyof Config, min: number, max: number): number | undefined => {
		const value = text(key);
		return value === undefined ? undefined : parseInteger(key, value, min, max);
	};
	config.port = int("port", 0, 65535) ?? config.port;
	config.host = text("host") ?? config.host;
	config.databaseUrl = text("databaseUrl") ?? config.databaseUrl;
	config.sessionTtlSeconds = int("sessionTtlSeconds", 1, 86400) ?? config.sessionTtlSeconds;
	config.registerTokenTtlSeconds = int("registerTokenTtlSeconds", 1, 604800) ?? config.registerTokenTtlSeconds;
	config.verifyTokenTtlSeconds = int("verifyTokenTtlSeconds", 1, 604800) ?? config.verifyTokenTtlSeconds;
	config.ceremonyTimeoutMs = int("ceremonyTimeoutMs", 1000, 600000) ?? config.ceremonyTimeoutMs;
	config.countryHeader = (text("countryHeader") ?? config.countryHeader).toLowerCase();
	config.bodyLimitBytes = int("bodyLimitBytes", 1024, 16 * 1024 * 1024) ?? config.bodyLimitBytes;
	config.devAppId = text("devAppId") ?? config.devAppId;
	config.logLevel = text("logLevel") ?? config.logLevel;
	const dev = raw.dev;
	config.dev = dev === true || dev === "1" || dev === "true";
	const sync = (text("sqliteSynchronous") ?? config.sqliteSynchronous).toUpperCase();
	if (sync !== "NORMAL" && sync !== "FULL") throw new ConfigError(`sqliteSynchronous must be NORMAL or FULL, got '${sync}'`);
	config.sqliteSynchronous = sync;
	config.pgPoolSize = int("pgPoolSize", 1, 1000) ?? config.pgPoolSize;
	config.pgStatementTimeoutMs = int("pgStatementTimeoutMs", 100, 3_600_000) ?? config.pgStatementTimeoutMs;
	config.pgConnectTimeoutMs = int("pgConnectTimeoutMs", 100, 600_000) ?? config.pgConnectTimeoutMs;
	config.workers = text("workers")?.trim().toLowerCase() === "auto" ? availableParallelism() : (int("workers", 1, 256) ?? config.workers);
	config.signatureThreads = int("signatureThreads", 0, 64) ?? config.signatureThreads;
	config.rateLimitPerIp = int("rateLimitPerIp", 0, 10_000_000) ?? config.rateLimitPerIp;
	config.rateLimitPerApp = int("rateLimitPerApp", 0, 10_000_000) ?? config.rateLimitPerApp;
	config.rateLimitPerKey = int("rateLimitPerKey", 0, 10_000_000) ?? config.rateLimitPerKey;
	config.trustProxy = (text("trustProxy") ?? config.trustProxy).trim();
	if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(config.logLevel)) {
		throw new ConfigError(`logLevel must be one of fatal, error, warn, info, debug, trace, silent; got '${config.logLevel}'`);
	}
	config.publicUrl = parsePublicUrl(text("publicUrl") ?? config.publicUrl);
	parseDatabaseUrl(config.databaseUrl);
	config.authenticatorNamesFile = text("authenticatorNamesFile") ?? config.authenticatorNamesFile;
	if (config.authenticatorNamesFile !== "") checkAuthenticatorNamesFile(config.authenticatorNamesFile);
	config.smtpUrl = (text("smtpUrl") ?? config.smtpUrl).trim();
	config.smtpFrom = (text("smtpFrom") ?? config.smtpFrom).trim();
	checkSmtp(config.smtpUrl, config.smtpFrom);
	config.magicLinkTtlSeconds = int("magicLinkTtlSeconds", 1, 604800) ?? config.magicLinkTtlSeconds;
	config.magicLinksPerAppPerDay = int("magicLinksPerAppPerDay", 0, 10_000_000) ?? config.magicLinksPerAppPerDay;
	config.magicLinksPerAddressPerHour = int("magicLinksPerAddressPerHour", 0, 10_000) ?? config.magicLinksPerAddressPerHour;
	return Object.freeze(config);
}

/** Fails start-up, not the first `/credentials/list`, when `LATCHKEY_AUTHENTICATOR_NAMES` names a file it cannot use. */
function checkAuthenticatorNamesFile(path: string): void {
	let text: string;
	try {
		text = readFileSync(path, "utf8");
	} catch (error) {
		throw new ConfigError(`authenticatorNamesFile '${path}' cannot be read: ${(error as Error).message}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new ConfigError(`authenticatorNamesFile '${path}' is not valid JSON: ${(error as Error).message}`);
	}
	if (typeof json !== "object" || json === null || Array.isArray(json)) {
		throw new ConfigError(`authenticatorNamesFile '${path}' is not a JSON object of AAGUIDs`);
	}
}

/** `smtp://` or `smtps://` with a host, and a sender to go with it; nothing at all is fine too (no mail). */
function checkSmtp(url: string, from: string): void {
	if (url === "") {
		if (from !== "") throw new ConfigError("smtpFrom is set but smtpUrl is not; set LATCHKEY_SMTP_URL too");
		return;
	}
	const parsed = URL.canParse(url) ? new URL(url) : null;
	if (!parsed || !/^smtps?:$/.test(parsed.protocol) || parsed.hostname === "") {
		throw new ConfigError(`smtpUrl must look like smtp://user:pass@host:587 or smtps://…, got '${redactDatabaseUrl(url)}'`);
	}
	if (!/^(?:[^<>@\s]+@[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+>)$/.test(from)) {
		throw new ConfigError(`smtpFrom must be an address such as 'Example <no-reply@example.com>' when smtpUrl is set, got '${from}'`);
	}
}

/** An http(s) URL without query, fragment or trailing slash; "" stays "". */
function parsePublicUrl(value: string): string {
	if (value === "") return "";
	const url = URL.canParse(value) ? new URL(value) : null;
	if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
		throw new ConfigError(`publicUrl must be an http(s) URL without query or fragment, got '${value}'`);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** A database location, parsed. */
export type DatabaseLocation = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/**
 * Parses `LATCHKEY_DATABASE_URL`: `sqlite:<path>`, `sqlite://<path>`, `file:<path>`, a plain path ending in `.db`, or
 * `postgres://…` / `postgresql://…` (a libpq connection URL).
 * @throws ConfigError for anything else
 * @example parseDatabaseUrl("sqlite:./data/latchkey.db") // { kind: "sqlite", path: "./data/latchkey.db" }
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
	const match = /^(?:sqlite|file):(?:\/\/)?(.+)$/.exec(url);
	if (match?.[1]) return { kind: "sqlite", path: match[1] };
	if (/^[^:]+\.(db|sqlite3?)$/.test(url)) return { kind: "sqlite", path: url };
	if (/^postgres(ql)?:\/\/./.test(url)) {
		if (!URL.canParse(url)) throw new ConfigError(`database URL '${redactDatabaseUrl(url)}' is not a valid postgres:// URL`);
		return { kind: "postgres", url };
	}
	throw new ConfigError(`database URL '${redactDatabaseUrl(url)}' is not understood; use sqlite:<path> or postgres://…`);
}

/**
 * A database URL with its password replaced by `***`, for logs and messages.
 * @example redactDatabaseUrl("postgres://app:s3cret@db/latchkey") // "postgres://app:***@db/latchkey"
 */
export function redactDatabaseUrl(url: string): string {
	return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
}
