import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { isPasskeyError } from "@latchkey/protocol";
import { postgresSkip, startThrowawayCluster, type ThrowawayCluster } from "@latchkey/test-support";
import pg from "pg";
import { describeStore } from "../conformance.ts";
import { DEFAULT_APP_SETTINGS, type Store } from "../store.ts";
import { createPostgresStore } from "./postgres-store.ts";

const NOW = new Date("2025-01-01T00:00:00Z");
const migrationNames = (dialect: string): string[] =>
	readdirSync(fileURLToPath(new URL(`../../migrations/${dialect}/`, import.meta.url))).sort();

describe("PostgreSQL migrations", () => {
	it("have the same file names as the SQLite ones", () => {
		assert.deepEqual(migrationNames("postgres"), migrationNames("sqlite"));
	});
});

describe("createPostgresStore on a throwaway PostgreSQL server", { skip: postgresSkip }, () => {
	let cluster: ThrowawayCluster;
	const stores: Store[] = [];
	const open = async (url: string, options: { statementTimeoutMs?: number } = {}): Promise<Store> => {
		const store = await createPostgresStore(url, { now: NOW, poolSize: 4, connectTimeoutMs: 2000, ...options });
		stores.push(store);
		return store;
	};
	before(async () => {
		cluster = await startThrowawayCluster();
	});
	after(async () => {
		for (const store of stores) await store.close();
		await cluster?.destroy();
	});

	describeStore("postgres", async () => {
		const store = await createPostgresStore(await cluster.createDatabase(), { now: NOW, poolSize: 4 });
		return { store, dispose: () => store.close() };
	});

	it("migrates once when several nodes start together (advisory lock)", async () => {
		const url = await cluster.createDatabase();
		const started = await Promise.all(Array.from({ length: 6 }, () => open(url)));
		assert.equal(started.length, 6);
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		try {
			const { rows } = await admin.query("SELECT name FROM schema_migrations ORDER BY name");
			assert.deepEqual(
				rows.map((r) => r.name),
				migrationNames("postgres"),
			);
		} finally {
			await admin.end();
		}
	});

	it("hands a ceremony and a token to exactly one of 50 concurrent takers spread over two pools (two nodes)", async () => {
		const url = await cluster.createDatabase();
		const [a, b] = [await open(url), await open(url)] as [Store, Store];
		await a.apps.create(
			{ id: "shop", settings: { ...DEFAULT_APP_SETTINGS, rpId: "shop.example", allowedOrigins: [] }, createdAt: NOW },
			[],
		);
		const expiresAt = new Date("2030-01-01T00:00:00Z");
		const state = {
			challenge: "c",
			origin: "https://shop.example",
			rpId: "shop.example",
			userVerification: "preferred",
			allowCredentials: [],
			purpose: "sign-in",
			ttlSeconds: 120,
		};
		await a.ceremonies.put({ id: "s1", appId: "shop", kind: "authentication", state, expiresAt });
		await b.tokens.put({ id: "t1", appId: "shop", kind: "verify", payload: { userId: "u1" }, expiresAt });
		const ceremonies = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).ceremonies.take("shop", "s1")));
		const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? b : a).tokens.take("shop", "t1")));
		assert.equal(ceremonies.filter((c) => c !== null).length, 1);
		assert.equal(tokens.filter((t) => t !== null).length, 1);
	});

	it("purges expired state in batches and events per app", async () => {
		const store = await open(await cluster.createDatabase());
		await store.apps.create(
			{ id: "shop", settings: { ...DEFAULT_APP_SETTINGS, rpId: "shop.example", allowedOrigins: [] }, createdAt: NOW },
			[],
		);
		const old = new Date("2024-12-31T00:00:00Z");
		await Promise.all(
			Array.from({ length: 2500 }, (_, i) => store.tokens.put({ id: `t${i}`, appId: "shop", kind: "verify", payload: {}, expiresAt: old })),
		);
		await store.tokens.put({ id: "live", appId: "shop", kind: "verify", payload: {}, expiresAt: new Date("2030-01-01T00:00:00Z") });
		assert.equal(await store.tokens.purgeExpired(NOW), 2500);
		assert.ok(await store.tokens.find("shop", "live"));
		for (let i = 0; i < 1200; i++) {
			await store.events.append({
				appId: "shop",
				performedAt: old,
				eventType: "ApiUserSignInBegan",
				severity: "Informational",
				message: "m",
				performedBy: "Api",
				subject: "u",
				apiKeyId: "k",
			});
		}
		assert.equal(await store.events.purge("shop", NOW), 1200);
	});

	it("answers a query that waits on a lock with service_unavailable once the statement timeout passes, not a hang", async () => {
		const url = await cluster.createDatabase();
		const store = await open(url, { statementTimeoutMs: 200 });
		await store.apps.create(
			{ id: "shop", settings: { ...DEFAULT_APP_SETTINGS, rpId: "shop.example", allowedOrigins: [] }, createdAt: NOW },
			[],
		);
		await store.tokens.put({ id: "t1", appId: "shop", kind: "verify", payload: {}, expiresAt: new Date("2030-01-01T00:00:00Z") });
		const blocker = new pg.Client({ connectionString: url });
		await blocker.connect();
		try {
			await blocker.query("BEGIN");
			await blocker.query("SELECT * FROM tokens WHERE id = 't1' FOR UPDATE");
			const started = performance.now();
			await assert.rejects(store.tokens.take("shop", "t1"), (e) => isPasskeyError(e, "service_unavailable"));
			assert.ok(performance.now() - started < 2000);
			await blocker.query("ROLLBACK");
			assert.ok(await store.tokens.take("shop", "t1"), "the same store works once the lock is gone");
		} finally {
			await blocker.end();
		}
	});

	it("refuses NUL characters with invalid_request instead of failing", async () => {
		const store = await open(await cluster.createDatabase());
		await store.apps.create(
			{ id: "shop", settings: { ...DEFAULT_APP_SETTINGS, rpId: "shop.example", allowedOrigins: [] }, createdAt: NOW },
			[],
		);
		await assert.rejects(store.aliases.findUserId("shop", "a\u0000b"), (e) => isPasskeyError(e, "invalid_request"));
		await store.tokens.put({ id: "t2", appId: "shop", kind: "verify", payload: { name: "a\u0000b" }, expiresAt: NOW });
		assert.deepEqual((await store.tokens.find("shop", "t2"))?.payload, { name: "a\u0000b" });
	});

	it("fails to start with a message naming the server when PostgreSQL cannot be reached", async () => {
		await assert.rejects(
			createPostgresStore("postgres://postgres@127.0.0.1:1/none", { now: NOW, connectTimeoutMs: 500 }),
			/PostgreSQL at 127\.0\.0\.1:1 cannot be reached/,
		);
	});
});
