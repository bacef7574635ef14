import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { postgresSkip, type ServerProcess, startServer, startThrowawayCluster, type ThrowawayCluster } from "@latchkey/test-support";
import { httpFlow, SoftAuthenticator } from "../process/http-flow.ts";

const BIN = fileURLToPath(new URL("../../bin/latchkey.js", import.meta.url));
const ORIGIN = "http://localhost:8080";
const PARTY = { RPID: "localhost", Origin: ORIGIN };

function latchkey(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => {
			resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
		});
	});
}

/** The records of an export file without its header line (which carries the export time). */
const records = (path: string): string[] => readFileSync(path, "utf8").trim().split("\n").slice(1);

describe("moving from the embedded SQLite file to PostgreSQL with latchkey export / import", { skip: postgresSkip }, () => {
	let cluster: ThrowawayCluster;
	const servers: ServerProcess[] = [];
	before(async () => {
		cluster = await startThrowawayCluster();
	});
	after(async () => {
		for (const s of servers) {
			if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
			s.cleanup();
		}
		await cluster?.destroy();
	});

	it("keeps every credential, alias and key: each passkey still signs in on PostgreSQL", async () => {
		const sqlite = await startServer();
		servers.push(sqlite);
		const app = await sqlite.createApp({ appId: "shop", rpId: "localhost" });
		const authenticator = new SoftAuthenticator();
		const users = ["ada", "grace", "linus", "barbara", "ken"];
		const before = httpFlow(sqlite.url, app, ORIGIN);
		for (const userId of users) await before.register(userId, authenticator);
		const { data, session } = await before.beginSignIn({ userId: "ada" }); // ada's counter moves on before the move
		const signed = await before.post(
			"/signin/complete",
			{ session, response: authenticator.getAssertion(data as never, { origin: ORIGIN }), ...PARTY },
			"public",
		);
		assert.equal(signed.status, 200);
		assert.equal(await sqlite.stop(), 0);

		const file = join(sqlite.dir, "export.jsonl");
		const exported = await latchkey(["export", "--database", sqlite.databaseUrl, "--out", file]);
		assert.equal(exported.code, 0, exported.stderr);
		assert.match(
			exported.stderr,
			/Exported 1 apps, 2 API keys, 0 auth configs, 5 credentials, 5 aliases, 0 user pools, 0 signing keys, \d+ events/,
		);
		assert.doesNotMatch(readFileSync(file, "utf8"), new RegExp(app.apiSecret.split(":")[2] as string), "secrets appear only as hashes");

		const databaseUrl = await cluster.createDatabase();
		const migrated = await latchkey(["migrate", "--database", databaseUrl]);
		assert.equal(migrated.code, 0, migrated.stderr);
		assert.match(migrated.stdout, /applied 0001_create_schema\.sql/);
		assert.match((await latchkey(["migrate", "--database", databaseUrl])).stdout, /up to date/);
		const imported = await latchkey(["import", "--database", databaseUrl, "--in", file]);
		assert.equal(imported.code, 0, imported.stderr);
		assert.match(
			imported.stdout,
			/Imported 1 apps, 2 API keys, 0 auth configs, 5 credentials, 5 aliases, 0 user pools, 0 signing keys, \d+ events/,
		);
		const twice = await latchkey(["import", "--database", databaseUrl, "--in", file]);
		assert.equal(twice.code, 1);
		assert.match(twice.stderr, /^latchkey: .*empty database/);

		const postgres = await startServer({ databaseUrl });
		servers.push(postgres);
		const after = httpFlow(postgres.url, app, ORIGIN);
		for (const userId of users) {
			const begin = await after.beginSignIn({ alias: `${userId}@example.com` });
			assert.equal((begin.data.allowCredentials as unknown[]).length, 1, `${userId}'s alias still finds the passkey`);
			const response = authenticator.getAssertion(begin.data as never, { origin: ORIGIN });
			const complete = await after.post("/signin/complete", { session: begin.session, response, ...PARTY }, "public");
			assert.equal(complete.status, 200, `${userId}: ${JSON.stringify(complete.body)}`);
			const verified = await after.post("/signin/verify", { token: complete.body.token }, "secret");
			assert.equal(verified.body.userId, userId, "the same ApiSecret verifies");
		}
		await postgres.stop();

		// And back: PostgreSQL → a new SQLite file holds the same records.
		const pgFile = join(sqlite.dir, "from-postgres.jsonl");
		assert.equal((await latchkey(["export", "--database", databaseUrl, "--out", pgFile, "--without-events"])).code, 0);
		const back = `sqlite:${join(sqlite.dir, "back.db")}`;
		assert.equal((await latchkey(["import", "--database", back, "--in", pgFile])).code, 0);
		const backFile = join(sqlite.dir, "back.jsonl");
		assert.equal((await latchkey(["export", "--database", back, "--out", backFile, "--without-events"])).code, 0);
		assert.deepEqual(records(backFile), records(pgFile));
		assert.equal(records(pgFile).filter((l) => l.startsWith('{"type":"credential"')).length, 5);
	});
});
