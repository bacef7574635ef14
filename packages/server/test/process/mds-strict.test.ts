/**
 * The whole offline path a security team takes: a FIDO metadata blob signed by a test root is imported with the CLI
 * into a real SQLite file, a real `latchkey serve` reads it, and an app in strict mode registers a certified security
 * key (packed attestation under a test vendor's root listed in the blob) and refuses an uncertified one, a key not in
 * the blob, and a synced passkey when device-bound only.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestAttestationCa, type ServerProcess, startServer, type TestApp, type TestAttestationCa } from "@latchkey/test-support";
import { SoftAuthenticator } from "@latchkey/testing";
import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import { CERTIFIED_AAGUID, createMdsTestPki, signMdsBlob, TEST_ENTRIES, UNCERTIFIED_AAGUID } from "../support/mds-blob.ts";
import { runCli } from "./run-cli.ts";

const DAY = 86_400_000;
const ORIGIN = "http://localhost:5173";
const dir = mkdtempSync(join(tmpdir(), "latchkey-mds-strict-"));
const db = `sqlite:${join(dir, "strict.db")}`;

describe("strict attestation from an imported FIDO metadata blob", () => {
	let vendor: TestAttestationCa;
	let server: ServerProcess;
	let app: TestApp;

	before(async () => {
		vendor = await createTestAttestationCa("Vendor");
		const root = Buffer.from(vendor.root.der).toString("base64");
		const entries = TEST_ENTRIES.map((entry) =>
			entry.aaguid
				? ({ ...entry, metadataStatement: { ...entry.metadataStatement, attestationRootCertificates: [root] } } as MetadataBLOBPayloadEntry)
				: entry,
		);
		const pki = await createMdsTestPki({
			name: "Test MDS",
			validFrom: new Date(Date.now() - DAY),
			validTo: new Date(Date.now() + 365 * DAY),
		});
		const rootFile = join(dir, "mds-root.pem");
		writeFileSync(rootFile, pki.rootPem);
		const blobFile = join(dir, "blob.jwt");
		writeFileSync(blobFile, await signMdsBlob(pki, { nextUpdate: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10), entries }));
		const imported = await runCli(["mds", "import", blobFile, "--root", rootFile, "--database", db]);
		assert.equal(imported.code, 0, imported.stderr);
		server = await startServer({ dir, databaseUrl: db });
		app = await server.createApp({ appId: "bank", rpId: "localhost", origins: [ORIGIN] });
		const features = await fetch(`${server.url}/apps/features`, {
			method: "POST",
			headers: { "content-type": "application/json", ApiSecret: app.apiSecret },
			body: JSON.stringify({ attestationMode: "strict", deviceBoundOnly: true }),
		});
		assert.equal(features.status, 204);
	});
	after(async () => {
		await server?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	async function register(
		userId: string,
		aaguid: string,
		options: { synced?: boolean } = {},
	): Promise<{ status: number; errorCode?: string }> {
		const post = async (path: string, body: unknown, key: Record<string, string>) => {
			const res = await fetch(`${server.url}${path}`, {
				method: "POST",
				headers: { "content-type": "application/json", ...key },
				body: JSON.stringify(body),
			});
			return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
		};
		const token = await post("/register/token", { userId, username: userId }, { ApiSecret: app.apiSecret });
		assert.equal(token.status, 200);
		const party = { RPID: "localhost", Origin: ORIGIN };
		const begin = await post("/register/begin", { token: token.body.token, ...party }, { ApiKey: app.apiKey });
		assert.equal(begin.status, 200);
		assert.equal((begin.body.data as { attestation: string }).attestation, "direct");
		const authenticator = new SoftAuthenticator({ aaguid, flags: { be: options.synced ?? false, bs: false } });
		const response = authenticator.createCredential(begin.body.data as never, {
			origin: ORIGIN,
			attestationFormat: "packed",
			attestationCertificate: await vendor.issueLeaf(),
		});
		const complete = await post("/register/complete", { session: begin.body.session, response, ...party }, { ApiKey: app.apiKey });
		return complete.status === 200 ? { status: 200 } : { status: complete.status, errorCode: String(complete.body.errorCode) };
	}

	it("registers the certified key", async () => {
		assert.deepEqual(await register("alice", CERTIFIED_AAGUID), { status: 200 });
		const res = await fetch(`${server.url}/credentials/list?userId=alice`, { headers: { ApiSecret: app.apiSecret } });
		const [credential] = ((await res.json()) as { values: { attestationFmt: string; aaGuid: string }[] }).values;
		assert.equal(credential?.attestationFmt, "packed");
		assert.equal(credential?.aaGuid, CERTIFIED_AAGUID);
	});

	it("refuses an uncertified key, a key the blob does not list (its chain has no anchor), and a synced passkey", async () => {
		assert.deepEqual(await register("bob", UNCERTIFIED_AAGUID), { status: 400, errorCode: "authenticator_not_certified" });
		// Not in the blob: no root to check its chain against, so it is not trusted before it is not certified.
		assert.deepEqual(await register("carol", "99999999-8888-7777-6666-555555555555"), {
			status: 400,
			errorCode: "attestation_not_trusted",
		});
		assert.deepEqual(await register("dave", CERTIFIED_AAGUID, { synced: true }), { status: 400, errorCode: "synced_passkey_not_allowed" });
	});
});
