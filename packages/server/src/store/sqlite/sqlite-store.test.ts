import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { describeStore } from "../conformance.ts";
import { DEFAULT_APP_SETTINGS } from "../store.ts";
import { createSqliteStore } from "./sqlite-store.ts";

describeStore("sqlite (file)", async () => {
	const dir = mkdtempSync(join(tmpdir(), "latchkey-store-"));
	const store = createSqliteStore(join(dir, "nested", "latchkey.db"), { now: new Date("2025-01-01T00:00:00Z") });
	return {
		store,
		dispose: async () => {
			await store.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
});

describe("createSqliteStore", () => {
	it("opens the file in WAL mode, migrates once, and keeps data across reopen", async () => {
		const dir = mkdtempSync(join(tmpdir(), "latchkey-store-"));
		const path = join(dir, "latchkey.db");
		try {
			const now = new Date("2025-01-01T00:00:00Z");
			const first = createSqliteStore(path, { now });
			await first.apps.create(
				{ id: "shop", settings: { ...DEFAULT_APP_SETTINGS, rpId: "shop.example", allowedOrigins: [] }, createdAt: now },
				[],
			);
			await first.close();
			const second = createSqliteStore(path, { now });
			assert.equal((await second.apps.findById("shop"))?.settings.rpId, "shop.example");
			await second.close();
			const raw = new BetterSqlite3(path, { readonly: true });
			assert.equal(raw.pragma("journal_mode", { simple: true }), "wal");
			assert.deepEqual(raw.prepare("SELECT name FROM schema_migrations ORDER BY name").all(), [
				{ name: "0001_create_schema.sql" },
				{ name: "0002_create_events_and_auth_configs.sql" },
				{ name: "0003_create_rate_limits.sql" },
				{ name: "0004_create_pools.sql" },
				{ name: "0005_add_attestation_trust.sql" },
				{ name: "0006_create_mds.sql" },
				{ name: "0007_add_prf_supported.sql" },
			]);
			raw.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
