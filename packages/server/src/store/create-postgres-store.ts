import type { PostgresStoreOptions } from "./postgres/postgres-store.ts";
import type { Store } from "./store.ts";

/**
 * The shared store for many nodes: PostgreSQL through a `pg` pool, migrated on open (under an advisory lock). The
 * driver is loaded on the first call, so a process that never opens PostgreSQL never loads `pg` (an optional
 * dependency of this package: ~25 ms of start-up and ~9 MiB).
 * @param url - `postgres://user:password@host:5432/database`
 * @param options - see {@link PostgresStoreOptions}
 * @throws Error when `pg` is not installed, or PostgreSQL cannot be reached or migrated
 * @example const store = await createPostgresStore(process.env.DATABASE_URL ?? "", { now: new Date() });
 */
export async function createPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
	const { createPostgresStore: create } = await import("./postgres/postgres-store.ts").catch((error: unknown) => {
		const missing = (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && String(error).includes("'pg'");
		throw missing ? new Error("PostgreSQL needs the package `pg` (an optional dependency): npm install pg", { cause: error }) : error;
	});
	return create(url, options);
}
