import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isPasskeyError } from "@latchkey/protocol";
import type { FastifyBaseLogger } from "fastify";
import { buildApp } from "./app.ts";
import { type CreatedApp, createApp } from "./apps/create-app.ts";
import { loadAuthenticatorNames } from "./authenticators/authenticator-names.ts";
import { systemClock } from "./clock.ts";
import { type Config, parseDatabaseUrl, redactDatabaseUrl } from "./config.ts";
import type { Deps } from "./deps.ts";
import { createLogger } from "./logger.ts";
import { createSmtpMailer } from "./mail/smtp-mailer.ts";
import { purgeExpired } from "./management/purge-expired.ts";
import { createMdsSource } from "./mds/mds-catalog.ts";
import { cryptoRandom } from "./random.ts";
import { createSignatureVerifier } from "./signatures/signature-verifier.ts";
import { bufferEvents } from "./store/buffer-events.ts";
import { cacheAuthLookups } from "./store/cache-auth-lookups.ts";
import { createPostgresStore } from "./store/create-postgres-store.ts";
import { createSqliteStore, migrateSqliteFile } from "./store/sqlite/sqlite-store.ts";
import type { Store } from "./store/store.ts";
import { loadWebAuthnHelpers } from "./webauthn/simplewebauthn.ts";

/** The settings that say which store to open and how. */
export type StoreConfig = Pick<Config, "databaseUrl" | "sqliteSynchronous" | "pgPoolSize" | "pgStatementTimeoutMs" | "pgConnectTimeoutMs">;

/**
 * Opens (and migrates) the store a database URL names: the only place a real store is built.
 * @param config - the database URL and its settings
 * @param logger - where a PostgreSQL pool reports a connection it lost while idle
 * @throws ConfigError for a URL it does not understand; Error when PostgreSQL cannot be reached or migrated
 */
export async function openStore(config: StoreConfig, logger?: FastifyBaseLogger, options: { server?: boolean } = {}): Promise<Store> {
	const location = parseDatabaseUrl(config.databaseUrl);
	if (location.kind === "sqlite") {
		return createSqliteStore(location.path, {
			now: systemClock.now(),
			synchronous: config.sqliteSynchronous,
			backgroundCheckpoints: options.server === true,
		});
	}
	// Loads the driver only now: an SQLite server never needs it.
	return createPostgresStore(location.url, {
		now: systemClock.now(),
		poolSize: config.pgPoolSize,
		statementTimeoutMs: config.pgStatementTimeoutMs,
		connectTimeoutMs: config.pgConnectTimeoutMs,
		onIdleError: (err) => logger?.warn({ err }, "postgres connection lost while idle"),
	});
}

/**
 * Applies the migrations the database has not seen yet, without opening a store (`latchkey migrate`).
 * @returns the names of the migrations applied now
 */
export async function migrateDatabase(config: StoreConfig): Promise<string[]> {
	const location = parseDatabaseUrl(config.databaseUrl);
	if (location.kind === "sqlite") return migrateSqliteFile(location.path, systemClock.now());
	const { migratePostgresDatabase } = await import("./store/postgres/postgres-connection.ts");
	return migratePostgresDatabase(location.url, { now: systemClock.now(), connectTimeoutMs: config.pgConnectTimeoutMs });
}

/**
 * Builds the real dependencies: the store from the config, the system clock, the CSPRNG, a pino logger and the
 * signature verifier (`config.signatureThreads` threads, started at the first check or by `warm()`), and the FIDO
 * metadata source (the blob `latchkey mds import` stored, re-checked every minute), and the SMTP mailer when
 * `LATCHKEY_SMTP_URL` is set. The server's
 * store writes audit events in batches and reuses app and key lookups for a moment (docs/performance.md). Whoever
 * builds them closes them: `signatures.close()`, then `store.close()` (as `serve` does).
 */
export async function createDeps(config: Config, logger: FastifyBaseLogger = createLogger(config.logLevel)): Promise<Deps> {
	const store = cacheAuthLookups(bufferEvents(await openStore(config, logger, { server: true }), { logger }), systemClock, {
		ttlMs: AUTH_LOOKUP_TTL_MS,
	});
	const signatures = createSignatureVerifier({
		threads: config.signatureThreads,
		onFailure: (error) => logger.error({ err: error }, "a signature thread failed: its checks are done on the request thread"),
	});
	const authenticatorNames = loadAuthenticatorNames({ overrideFile: config.authenticatorNamesFile });
	return {
		store,
		clock: systemClock,
		random: cryptoRandom,
		logger,
		signatures,
		mds: createMdsSource(store, systemClock),
		authenticatorNames,
		...(config.smtpUrl ? { mailer: createSmtpMailer({ url: config.smtpUrl, from: config.smtpFrom }) } : {}),
	};
}

/** How long a process reuses an app and its API keys before reading them again (a lock or rotation elsewhere applies within this). */
export const AUTH_LOOKUP_TTL_MS = 2000;

/** A running server and how to stop it. */
export interface RunningServer {
	url: string;
	close(): Promise<void>;
}

/**
 * Starts Latchkey: opens the store, listens, purges expired sessions, tokens and old events every minute, and shuts down cleanly
 * (stops accepting, finishes in-flight requests, closes the database) on SIGTERM/SIGINT.
 * @param config - validated configuration
 * @param options - dev-mode playground key
 */
export async function serve(config: Config, options: { playgroundApiKey?: string; deps?: Deps } = {}): Promise<RunningServer> {
	const deps = options.deps ?? (await createDeps(config));
	const app = buildApp(deps, config, options.playgroundApiKey ? { playgroundApiKey: options.playgroundApiKey } : {});
	const address = await app.listen({ port: config.port, host: config.host });
	// Listening first, then the signature threads: the first sign-in finds them started.
	deps.signatures.warm();
	let purging = false; // a purge of a large backlog can outlast the minute: never two at once
	const purge = setInterval(() => {
		if (purging) return;
		purging = true;
		purgeExpired(deps)
			.catch((err: unknown) => deps.logger.warn({ err }, "purge failed"))
			.finally(() => {
				purging = false;
			});
	}, 60_000);
	purge.unref();
	let closing: Promise<void> | null = null;
	const close = (): Promise<void> => {
		closing ??= (async () => {
			clearInterval(purge);
			await app.close();
			await deps.signatures.close();
			deps.mailer?.close();
			await deps.store.close();
		})();
		return closing;
	};
	const onSignal = (signal: NodeJS.Signals): void => {
		deps.logger.info({ signal }, "shutting down");
		close().then(
			() => process.exit(0),
			(err: unknown) => {
				deps.logger.error({ err }, "shutdown failed");
				process.exit(1);
			},
		);
	};
	process.once("SIGTERM", onSignal);
	process.once("SIGINT", onSignal);
	deps.logger.info({ url: address, database: redactDatabaseUrl(config.databaseUrl) }, "latchkey listening");
	// Listening first, then the WebAuthn library (~100 ms): answers come sooner, and the first ceremony finds it loaded.
	void loadWebAuthnHelpers();
	return { url: address, close };
}

/** The dev app's keys, kept beside the SQLite file (or in ./data for PostgreSQL) so `npm start` can show them again. */
function devKeysPath(config: Config): string {
	const location = parseDatabaseUrl(config.databaseUrl);
	const folder = location.kind === "sqlite" ? dirname(resolve(location.path)) : resolve("data");
	mkdirSync(folder, { recursive: true });
	return join(folder, `${config.devAppId}-app-keys.json`);
}

/**
 * Makes sure the local dev app exists (RP ID `localhost`, any http://localhost port) and returns its keys.
 * @param config - validated configuration
 * @param deps - store, clock, randomness
 */
export async function ensureDevApp(config: Config, deps: Deps): Promise<CreatedApp> {
	const path = devKeysPath(config);
	const existing = await deps.store.apps.findById(config.devAppId);
	if (existing && existsSync(path)) return JSON.parse(readFileSync(path, "utf8")) as CreatedApp;
	if (existing) {
		throw new Error(`App '${config.devAppId}' exists but its keys file ${path} is gone; set LATCHKEY_DEV_APP_ID to another id.`);
	}
	try {
		const created = await createApp({ appId: config.devAppId, rpId: "localhost", allowedOrigins: [] }, deps);
		writeFileSync(path, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 });
		return created;
	} catch (error) {
		if (isPasskeyError(error)) throw new Error(error.detail ?? error.title);
		throw error;
	}
}

/**
 * `latchkey serve --workers N` (N > 1): this process becomes a supervisor that applies the migrations once, forks N
 * workers with node:cluster (each runs the whole server on the shared port and opens the database itself — SQLite
 * in WAL mode with a busy timeout, or its own PostgreSQL pool), forks a new worker when one dies, and on
 * SIGTERM/SIGINT stops them all (each finishes its requests and closes its database) before exiting.
 * Ceremony state and tokens live in the database, so any worker can complete a ceremony another one began.
 * @param config - validated configuration (`workers` > 1)
 * @param logger - where the supervisor logs
 * @returns when the workers are started; the process exits once they are stopped
 */
export async function superviseWorkers(config: Config, logger: FastifyBaseLogger = createLogger(config.logLevel)): Promise<void> {
	const cluster = (await import("node:cluster")).default;
	await migrateDatabase(config);
	let stopping = false;
	let restarts: number[] = [];
	const fork = (): void => {
		cluster.fork();
	};
	cluster.on("exit", (worker, code, signal) => {
		if (stopping) {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
			return;
		}
		// A worker that keeps dying at once (a bad config, a database that cannot be opened) stops the server.
		const now = performance.now();
		restarts = [...restarts.filter((t) => now - t < 60_000), now];
		if (restarts.length > 10) {
			logger.fatal({ pid: worker.process.pid, code, signal }, "workers keep dying; stopping");
			process.exit(1);
		}
		logger.error({ pid: worker.process.pid, code, signal }, "worker died; starting another");
		setTimeout(fork, 250).unref();
	});
	const onSignal = (signal: NodeJS.Signals): void => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, "shutting down workers");
		const workers = Object.values(cluster.workers ?? {});
		if (workers.length === 0) process.exit(0);
		for (const worker of workers) worker?.process.kill("SIGTERM");
	};
	process.once("SIGTERM", onSignal);
	process.once("SIGINT", onSignal);
	for (let i = 0; i < config.workers; i++) fork();
}
