import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startServer } from "@latchkey/test-support";
import BetterSqlite3 from "better-sqlite3";
import { CERTIFIED_AAGUID, createMdsTestPki, signMdsBlob, UNCERTIFIED_AAGUID, withBadSignature } from "../support/mds-blob.ts";
import { runCli } from "./run-cli.ts";

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), "latchkey-mds-"));
const dbFile = join(dir, "mds.db");
const db = `sqlite:${dbFile}`;
const rootFile = join(dir, "testroot.pem");
const latchkey = runCli;

/** A YYYY-MM-DD date `days` from the real now (the CLI checks at the system clock). */
const dayFromNow = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

function write(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

/** stderr is exactly one line naming the refusal. */
function assertRefused(result: { code: number; stderr: string }, pattern: RegExp): void {
	assert.equal(result.code, 2, result.stderr);
	assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
	assert.match(result.stderr, /^latchkey: mds import refused \(/);
	assert.match(result.stderr, pattern);
}

describe("latchkey mds import | status", () => {
	let good: string;
	let older: string;
	let badSignature: string;
	let pastNextUpdate: string;

	before(async () => {
		const pki = await createMdsTestPki({
			name: "Test MDS",
			validFrom: new Date(Date.now() - DAY),
			validTo: new Date(Date.now() + 365 * DAY),
		});
		writeFileSync(rootFile, pki.rootPem);
		const blob = await signMdsBlob(pki, { nextUpdate: dayFromNow(30) });
		good = write("blob.jwt", blob);
		older = write("older.jwt", await signMdsBlob(pki, { no: 6, nextUpdate: dayFromNow(30) }));
		badSignature = write("bad-signature.jwt", withBadSignature(blob));
		pastNextUpdate = write("past.jwt", await signMdsBlob(pki, { no: 8, nextUpdate: dayFromNow(-2) }));
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	it("prints help for mds import and status", async () => {
		for (const args of [
			["mds", "import", "--help"],
			["mds", "status", "--help"],
			["mds", "--help"],
		]) {
			const { code, stdout } = await latchkey(args);
			assert.equal(code, 0, args.join(" "));
			assert.match(stdout, /Usage: latchkey mds/);
		}
		assert.match((await latchkey(["--help"])).stdout, /mds import <blob\.jwt>/);
	});

	it("says no blob was imported yet", async () => {
		const { code, stdout } = await latchkey(["mds", "status", "--database", db]);
		assert.equal(code, 0);
		assert.match(stdout, /No FIDO metadata imported/);
		assert.equal((await latchkey(["mds", "status", "--database", db, "--json"])).stdout.trim(), "null");
	});

	it("exits 2 with one line for missing or bad arguments", async () => {
		for (const args of [
			["mds", "frobnicate"],
			["mds", "import", "--database", db],
			["mds", "import", join(dir, "nope.jwt"), "--database", db],
			["mds", "import", good, "--root", join(dir, "nope.pem"), "--database", db],
			["mds", "import", good, "--root", good, "--database", db],
			["mds", "import", good, "extra", "--database", db],
			["mds", "status", "extra", "--database", db],
		]) {
			const { code, stderr } = await latchkey(args);
			assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
			assert.equal(stderr.trim().split("\n").length, 1, stderr);
			assert.match(stderr, /^latchkey: /);
		}
	});

	it("refuses a blob with a bad signature, a past nextUpdate, or not signed by the shipped root (exit 2, nothing stored)", async () => {
		assertRefused(
			await latchkey(["mds", "import", badSignature, "--root", rootFile, "--database", db]),
			/mds_blob_invalid.*signature does not verify/,
		);
		assertRefused(await latchkey(["mds", "import", pastNextUpdate, "--root", rootFile, "--database", db]), /mds_blob_expired.*nextUpdate/);
		assertRefused(
			await latchkey(["mds", "import", good, "--database", db]),
			/mds_blob_invalid.*not signed by the trusted root 'GlobalSign'/,
		);
		assert.match((await latchkey(["mds", "status", "--database", db])).stdout, /No FIDO metadata imported/);
	});

	it("imports a blob signed by the test root, shows it, and refuses an older one unless --force", async () => {
		const imported = await latchkey(["mds", "import", good, "--root", rootFile, "--database", db]);
		assert.equal(imported.code, 0, imported.stderr);
		assert.equal(imported.stdout.trim(), `Imported FIDO metadata blob no 7: 3 entries, nextUpdate ${dayFromNow(30)}.`);

		const status = await latchkey(["mds", "status", "--database", db]);
		assert.equal(status.code, 0, status.stderr);
		assert.match(status.stdout, /FIDO metadata blob no 7\n {2}nextUpdate: {2}\d{4}-\d{2}-\d{2}\n {2}importedAt: {2}\S+\n {2}entries: {5}3/);
		assert.equal(status.stderr, "");
		const json = JSON.parse((await latchkey(["mds", "status", "--database", db, "--json"])).stdout);
		assert.deepEqual(
			{ ...json, importedAt: typeof json.importedAt },
			{
				no: 7,
				nextUpdate: dayFromNow(30),
				importedAt: "string",
				entries: 3,
				expired: false,
			},
		);

		assertRefused(
			await latchkey(["mds", "import", older, "--root", rootFile, "--database", db]),
			/mds_blob_outdated.*no 6 is older than .* no 7.*--force/,
		);
		const forced = await latchkey(["mds", "import", older, "--root", rootFile, "--database", db, "--force", "--json"]);
		assert.equal(forced.code, 0, forced.stderr);
		assert.deepEqual(
			{ ...JSON.parse(forced.stdout), importedAt: "…" },
			{
				no: 6,
				nextUpdate: dayFromNow(30),
				entries: 3,
				importedAt: "…",
				previousNo: 7,
			},
		);
		const again = await latchkey(["mds", "import", good, "--root", rootFile, "--database", db]);
		assert.equal(again.code, 0, again.stderr);
		assert.match(again.stdout, /no 7 \(replaces blob no 6\)/);
	});

	it("warns when the stored blob's nextUpdate has passed", async () => {
		const raw = new BetterSqlite3(dbFile);
		raw.prepare("UPDATE mds_blobs SET next_update = ?").run(Date.parse(`${dayFromNow(-1)}T00:00:00Z`));
		raw.close();
		const status = await latchkey(["mds", "status", "--database", db]);
		assert.equal(status.code, 0);
		assert.match(status.stderr, /^latchkey: warning: the blob's nextUpdate \(\d{4}-\d{2}-\d{2}\) has passed/);
		assert.equal(JSON.parse((await latchkey(["mds", "status", "--database", db, "--json"])).stdout).expired, true);
		const restore = await latchkey(["mds", "import", good, "--root", rootFile, "--database", db, "--force"]);
		assert.equal(restore.code, 0, restore.stderr);
	});

	it("serves the imported blob on the /mds routes over HTTP", async () => {
		const server = await startServer({ dir, databaseUrl: db });
		try {
			const app = await server.createApp({ appId: "shop", rpId: "localhost" });
			const get = async (path: string): Promise<unknown> => {
				const res = await fetch(`${server.url}${path}`, { headers: { ApiSecret: app.apiSecret } });
				assert.equal(res.status, 200, path);
				return res.json();
			};
			assert.deepEqual(await get("/mds/attestation-types"), ["attca", "basic_full"]);
			assert.deepEqual(await get("/mds/certification-statuses"), ["FIDO_CERTIFIED_L1", "NOT_FIDO_CERTIFIED"]);
			const entries = (await get("/mds/entries")) as { aaguid: string; certificationStatus: string }[];
			assert.deepEqual(
				entries.map((e) => [e.aaguid, e.certificationStatus]),
				[
					[CERTIFIED_AAGUID, "FIDO_CERTIFIED_L1"],
					[UNCERTIFIED_AAGUID, "NOT_FIDO_CERTIFIED"],
				],
			);
			assert.deepEqual(
				((await get("/mds/entries?certificationStatuses=NOT_FIDO_CERTIFIED")) as { aaguid: string }[]).map((e) => e.aaguid),
				[UNCERTIFIED_AAGUID],
			);
			const noKey = await fetch(`${server.url}/mds/entries`);
			assert.equal(noKey.status, 401);
		} finally {
			await server.stop();
		}
	});
});
