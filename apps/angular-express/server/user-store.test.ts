import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createUserStore } from "./user-store.ts";

describe("createUserStore", () => {
	const dir = mkdtempSync(join(tmpdir(), "angular-users-"));
	after(() => rmSync(dir, { recursive: true, force: true }));

	it("creates users with opaque ids and finds them by id and e-mail", () => {
		const users = createUserStore(null);
		const ada = users.create("ada@example.com", new Date("2026-01-01T00:00:00Z"));
		assert.match(ada.id, /^usr_[0-9a-f]{24}$/);
		assert.notEqual(users.create("bob@example.com", new Date()).id, ada.id);
		assert.deepEqual(users.findByEmail("ada@example.com"), ada);
		assert.deepEqual(users.findById(ada.id), { id: ada.id, email: "ada@example.com", createdAt: "2026-01-01T00:00:00.000Z" });
		assert.equal(users.findByEmail("nobody@example.com"), null);
	});

	it("keeps users in a private JSON file across restarts (its folder is created)", () => {
		const file = join(dir, "nested", "users.json");
		const ada = createUserStore(file).create("ada@example.com", new Date());
		assert.deepEqual(createUserStore(file).findById(ada.id), ada);
		assert.equal(statSync(file).mode & 0o777, 0o600);
	});
});
