import { PasskeyError } from "@latchkey/protocol";
import type pg from "pg";
import type { Alias } from "../model.ts";
import { PURGE_BATCH, query, type Statement } from "./postgres-queries.ts";
import { toStoreError } from "./to-store-error.ts";

/** Wraps every method of a store part so a pg failure becomes a catalog error (503 when the database is out of reach). */
export function guarded<T extends object>(part: T): T {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(part)) {
		out[key] =
			typeof value === "function"
				? async (...args: unknown[]): Promise<unknown> => {
						try {
							return await value(...args);
						} catch (error) {
							throw toStoreError(error);
						}
					}
				: value;
	}
	return out as T;
}

/** The unique constraint a pg error broke, if it is a unique violation. */
export function constraintOf(error: unknown): string | undefined {
	return (error as { code?: string }).code === "23505" ? (error as { constraint?: string }).constraint : undefined;
}

/** Replaces a user's aliases inside the caller's transaction. @throws alias_conflict */
export async function replaceAliases(client: pg.PoolClient, appId: string, userId: string, aliases: Alias[]): Promise<void> {
	const unique = [...new Map(aliases.map((a) => [a.hash, a])).values()];
	await query(client, "lockUserAliases", [appId, userId]);
	if (unique.length > 0) {
		const taken = await query(client, "aliasConflicts", [appId, unique.map((a) => a.hash), userId]);
		if (taken.rowCount) throw new PasskeyError("alias_conflict");
	}
	await query(client, "deleteAliasesOfUser", [appId, userId]);
	if (unique.length > 0) {
		await query(client, "insertAliases", [appId, unique.map((a) => a.hash), unique.map((a) => a.plaintext), userId]);
	}
}

/** Runs a batched delete (at most PURGE_BATCH rows) until it deletes fewer; the total. */
export async function purgeInBatches(pool: pg.Pool, name: Statement, values: unknown[]): Promise<number> {
	let total = 0;
	for (;;) {
		const deleted = (await query(pool, name, values)).rowCount ?? 0;
		total += deleted;
		if (deleted < PURGE_BATCH) return total;
	}
}
