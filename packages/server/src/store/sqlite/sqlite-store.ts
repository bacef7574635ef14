import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { createLocalRateLimits } from "../local-rate-limits.ts";
import type { Store } from "../store.ts";
import { createSqliteApiKeyStore, createSqliteAppStore } from "./apps-and-keys.ts";
import { createSqliteAuthConfigStore } from "./auth-configs.ts";
import { createSqliteCeremonyStore } from "./ceremonies.ts";
import { createAdaptiveCheckpoints } from "./checkpointer.ts";
import { createSqliteAliasStore, createSqliteCredentialStore } from "./credentials.ts";
import { createSqliteEventStore } from "./events.ts";
import { createGroupCommit } from "./group-commit.ts";
import { createSqliteMdsStore } from "./mds.ts";
import { migrateSqlite } from "./migrate-sqlite.ts";
import { createSqlitePoolStore } from "./pools.ts";
import { createSqliteContext } from "./sqlite-context.ts";
import { createSqliteTransfer } from "./sqlite-transfer.ts";
import { createSqliteTokenStore } from "./tokens.ts";

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions {
	/** Time the migrations are recorded at. */
	now: Date;
	/** SQLite `synchronous` pragma: NORMAL survives a process crash in WAL mode; FULL also survives power loss. */
	synchronous?: "NORMAL" | "FULL";
	/**
	 * Checkpoint the WAL on a background thread while writes come in, instead of in the commit that crosses 1,000
	 * pages (the server does; short-lived CLI commands do not). See createAdaptiveCheckpoints.
	 * @default false
	 */
	backgroundCheckpoints?: boolean;
}

/**
 * Migrates a SQLite file without keeping it open (`latchkey migrate`).
 * @param path - the database file (its folder is created)
 * @param now - recorded as the time each migration was applied
 * @returns the names of the migrations applied now
 * @example
 * migrateSqliteFile("./data/latchkey.db", new Date()); // ["0001_create_schema.sql", …] on a new file
 */
export function migrateSqliteFile(path: string, now: Date): string[] {
	if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
	const db = new BetterSqlite3(path);
	try {
		db.pragma("journal_mode = WAL");
		db.pragma("busy_timeout = 5000");
		return migrateSqlite(db, now);
	} finally {
		db.close();
	}
}

/**
 * The embedded store: one SQLite file through better-sqlite3 in WAL mode, migrated on open.
 * @param path - the database file (its folder is created), or ":memory:"
 * @param options - see {@link SqliteStoreOptions}
 * @example const store = createSqliteStore("./data/latchkey.db", { now: new Date() });
 */
export function createSqliteStore(path: string, options: SqliteStoreOptions): Store {
	if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
	const db = new BetterSqlite3(path);
	db.pragma("journal_mode = WAL");
	db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
	db.pragma("foreign_keys = ON");
	db.pragma("busy_timeout = 5000");
	migrateSqlite(db, options.now);
	const checkpoints =
		options.backgroundCheckpoints && path !== ":memory:"
			? createAdaptiveCheckpoints(db, path, { synchronous: options.synchronous ?? "NORMAL" })
			: null;
	// The hot-path writes (ceremonies, tokens, counters, new credentials, events) share one commit per event-loop turn.
	const group = createGroupCommit(db, checkpoints ? { onCommit: (writes) => checkpoints.noteWrites(writes) } : {});

	// The statements are prepared once here and shared by the sub-stores below.
	const ctx = createSqliteContext(db, group);

	return {
		apps: createSqliteAppStore(ctx),
		apiKeys: createSqliteApiKeyStore(ctx),
		credentials: createSqliteCredentialStore(ctx),
		aliases: createSqliteAliasStore(ctx),
		ceremonies: createSqliteCeremonyStore(ctx),
		tokens: createSqliteTokenStore(ctx),
		authConfigs: createSqliteAuthConfigStore(ctx),
		pools: createSqlitePoolStore(db, ctx),
		mds: createSqliteMdsStore(db),
		events: createSqliteEventStore(ctx),
		rateLimits: createLocalRateLimits(),
		transfer: createSqliteTransfer(db, ctx.q),
		async ping() {
			db.prepare("SELECT 1").get();
		},
		async close() {
			group.flush();
			await checkpoints?.stop();
			db.close();
		},
	};
}
