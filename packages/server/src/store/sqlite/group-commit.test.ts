import assert from "node:assert/strict";
import { describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { createGroupCommit } from "./group-commit.ts";

function database(): BetterSqlite3.Database {
	const db = new BetterSqlite3(":memory:");
	db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)");
	return db;
}

describe("createGroupCommit", () => {
	it("commits the writes of one event-loop turn together and answers each with its value", async () => {
		const db = database();
		const commits: number[] = [];
		const group = createGroupCommit(db, { onCommit: (writes) => commits.push(writes) });
		const insert = db.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
		const values = await Promise.all(["a", "b", "c"].map((k, i) => group.write(() => insert.run(k, i).changes)));
		assert.deepEqual(values, [1, 1, 1]);
		assert.deepEqual(commits, [3], "one transaction for the three");
		assert.equal(db.inTransaction, false);
		assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n, 3);
	});

	it("undoes only the write that fails, even one that failed halfway through its statements", async () => {
		const db = database();
		const group = createGroupCommit(db);
		const insert = db.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
		db.exec("INSERT INTO t (k, v) VALUES ('taken', 0)");
		const before = group.write(() => insert.run("before", 1));
		const failing = group.write(() => {
			insert.run("half", 2); // applied, then undone with the rest of this write
			insert.run("taken", 3); // unique violation
		});
		const after = group.write(() => insert.run("after", 4));
		await assert.rejects(failing, /UNIQUE/);
		await before;
		await after;
		const keys = (db.prepare("SELECT k FROM t ORDER BY k").all() as { k: string }[]).map((r) => r.k);
		assert.deepEqual(keys, ["after", "before", "taken"]);
	});

	it("joins a transaction that is already open instead of committing it", async () => {
		const db = database();
		const group = createGroupCommit(db);
		db.exec("BEGIN");
		await Promise.all([group.write(() => db.exec("INSERT INTO t (k, v) VALUES ('x', 1)")), Promise.resolve().then(() => group.flush())]);
		assert.equal(db.inTransaction, true, "the outer transaction stays open");
		db.exec("ROLLBACK");
		assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n, 0);
	});
});
