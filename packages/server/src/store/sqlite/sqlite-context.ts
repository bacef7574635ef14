import { setTimeout as sleep } from "node:timers/promises";
import { PasskeyError } from "@latchkey/protocol";
import type { Database } from "better-sqlite3";
import type { Alias, ApiKeyRecord, App, Credential, CredentialUse } from "../model.ts";
import type { GroupCommit } from "./group-commit.ts";
import { insertKey, PURGE_BATCH, PURGE_PAUSE_MS, prepareSqliteQueries, type SqliteQueries } from "./sqlite-queries.ts";
import { credentialParams } from "./sqlite-rows.ts";

/** The writes more than one aggregate makes (a finish registers a credential and records a use), built once. */
export interface SqliteWrites {
	isUniqueViolation(error: unknown): boolean;
	createApp(app: App, keys: ApiKeyRecord[]): void;
	replaceAliasesTx(appId: string, userId: string, aliases: Alias[]): void;
	deleteUserTx(appId: string, userId: string): { credentials: number; aliases: number };
	registerCredential(credential: Credential, aliases: Alias[] | null): void;
	/** The counter's compare-and-swap: false when the stored counter is no longer the expected one. */
	recordUse(use: CredentialUse): boolean;
	/** Runs a batched delete (at most PURGE_BATCH rows, returning how many went) until it deletes fewer; the total. */
	inBatches(batch: () => number): Promise<number>;
}

/** What every SQLite sub-store shares: the statements (prepared once), the group commit and the shared writes. */
export interface SqliteContext {
	q: SqliteQueries;
	group: GroupCommit;
	writes: SqliteWrites;
}

function isUniqueViolation(error: unknown): boolean {
	return typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * Prepares the statements and transactions of a SQLite store, once per open database.
 * @param db - the open, migrated database
 * @param group - the group commit the hot-path writes share
 */
export function createSqliteContext(db: Database, group: GroupCommit): SqliteContext {
	const q = prepareSqliteQueries(db);
	const createApp = db.transaction((app: App, keys: ApiKeyRecord[]) => {
		q.insertApp.run(app.id, JSON.stringify(app.settings), app.createdAt.getTime());
		for (const k of keys) insertKey(q, { ...k, appId: app.id });
	});
	const replaceAliases = (appId: string, userId: string, aliases: Alias[]): void => {
		for (const a of aliases) {
			const owner = q.aliasOwner.get(appId, a.hash) as { user_id: string } | undefined;
			if (owner && owner.user_id !== userId) throw new PasskeyError("alias_conflict");
		}
		q.deleteAliasesOfUser.run(appId, userId);
		for (const a of aliases) q.insertAlias.run(appId, a.hash, a.plaintext, userId);
	};
	const replaceAliasesTx = db.transaction(replaceAliases);
	const deleteUserTx = db.transaction((appId: string, userId: string) => ({
		credentials: q.deleteCredentialsOfUser.run(appId, userId).changes,
		aliases: q.deleteAliasesOfUser.run(appId, userId).changes,
	}));
	const registerCredential = db.transaction((c: Credential, aliases: Alias[] | null) => {
		if (aliases !== null) replaceAliases(c.appId, c.userId, aliases);
		q.insertCredential.run(...credentialParams(c));
	});
	/** Runs a batched delete (at most PURGE_BATCH rows, returning how many went) until it deletes fewer; the total. */
	const inBatches = async (batch: () => number): Promise<number> => {
		let total = 0;
		for (let deleted = await group.write(batch); ; deleted = await group.write(batch)) {
			total += deleted;
			if (deleted < PURGE_BATCH) return total;
			await sleep(PURGE_PAUSE_MS);
		}
	};
	/** The counter's compare-and-swap: false when the stored counter is no longer the expected one. */
	const recordUse = (use: CredentialUse): boolean =>
		q.recordUse.run(
			use.signCount,
			use.backupState ? 1 : 0,
			use.usedAt.getTime(),
			use.device,
			use.country,
			use.prfSupported === true ? 1 : 0,
			use.appId,
			use.credentialId,
			use.expectedSignCount,
		).changes === 1;

	return {
		q,
		group,
		writes: { isUniqueViolation, createApp, replaceAliasesTx, deleteUserTx, registerCredential, recordUse, inBatches },
	};
}
