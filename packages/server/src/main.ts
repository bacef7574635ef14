import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isPasskeyError } from "@latchkey/protocol";
import type { FastifyBaseLogger } from "fastify";
import pino from "pino";
import { buildApp } from "./app.ts";
import { type CreatedApp, createApp } from "./apps/create-app.ts";
import { systemClock } from "./clock.ts";
import { type Config, parseDatabaseUrl } from "./config.ts";
import type { Deps } from "./deps.ts";
import { purgeExpired } from "./management/purge-expired.ts";
import { cryptoRandom } from "./random.ts";
import { createSqliteStore } from "./store/sqlite/sqlite-store.ts";
import type { Store } from "./store/store.ts";

/**
 * Opens the store a database URL names (the only place a real store is built).
 * @param config - needs `databaseUrl` and `sqliteSynchronous`
 * @throws ConfigError for a URL it does not understand
 */
export function openStore(config: Pick<Config, "databaseUrl" | "sqliteSynchronous">): Store {
	const location = parseDatabaseUrl(config.databaseUrl);
	return createSqliteStore(location.path, { now: systemClock.now(), synchronous: config.sqliteSynchronous });
}

/** Builds the real dependencies: the store from the config, the system clock, the CSPRNG and a pino logger. */
export function createDeps(config: Config, logger: FastifyBaseLogger = pino({ level: config.logLevel })): Deps {
	return { store: openStore(config), clock: systemClock, random: cryptoRandom, logger };
}

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
	const deps = options.deps ?? createDeps(config);
	const app = buildApp(deps, config, options.playgroundApiKey ? { playgroundApiKey: options.playgroundApiKey } : {});
	const address = await app.listen({ port: config.port, host: config.host });
	const purge = setInterval(() => {
		purgeExpired(deps).catch((err: unknown) => deps.logger.warn({ err }, "purge failed"));
	}, 60_000);
	purge.unref();
	let closing: Promise<void> | null = null;
	const close = (): Promise<void> => {
		closing ??= (async () => {
			clearInterval(purge);
			await app.close();
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
	deps.logger.info({ url: address, database: config.databaseUrl }, "latchkey listening");
	return { url: address, close };
}

/** The dev app's keys, kept beside the database so `npm start` can show them again. */
function devKeysPath(config: Config): string {
	return join(dirname(resolve(parseDatabaseUrl(config.databaseUrl).path)), `${config.devAppId}-app-keys.json`);
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
