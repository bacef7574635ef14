import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "better-sqlite3";
import { PACKAGE_ROOT } from "../../package-root.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("src/migrations/sqlite/", PACKAGE_ROOT));

/**
 * Applies the forward-only migrations in `src/migrations/sqlite/` that this database has not seen yet, each in
 * its own transaction, and records them in `schema_migrations`.
 * @param db - an open better-sqlite3 database
 * @param now - recorded as the time each migration was applied
 * @returns the names of the migrations applied now
 */
export function migrateSqlite(db: Database, now: Date): string[] {
	db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
	const done = new Set(
		db
			.prepare("SELECT name FROM schema_migrations")
			.all()
			.map((row) => (row as { name: string }).name),
	);
	const pending = readdirSync(MIGRATIONS_DIR)
		.filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f) && !done.has(f))
		.sort();
	const record = db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)");
	for (const name of pending) {
		const sql = readFileSync(MIGRATIONS_DIR + name, "utf8");
		db.transaction(() => {
			db.exec(sql);
			record.run(name, now.getTime());
		})();
	}
	return pending;
}
