import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { CRYPTO_TIMING_PRELOAD, cryptoInServer } from "./crypto-in-server.ts";

const dir = mkdtempSync(join(tmpdir(), "latchkey-crypto-timing-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("cryptoInServer", () => {
	it("keeps only the whole seconds inside the window, and averages them", () => {
		const file = join(dir, "buckets.json");
		// second → [checks, µs, imports, µs]
		writeFileSync(
			file,
			JSON.stringify([
				[99, [1000, 1000, 0, 0]],
				[100, [10, 600, 10, 500]],
				[101, [30, 1800, 0, 0]],
				[102, [1000, 1000, 1000, 1000]],
			]),
		);
		assert.deepEqual(cryptoInServer(file, 100_000, 102_000), { verifyMicros: 60, verifies: 40, importMicros: 50, importsPerVerify: 0.25 });
		assert.equal(cryptoInServer(file, 100_500, 101_500), null, "no whole second inside");
		assert.equal(cryptoInServer(join(dir, "missing.json"), 0, 1e15), null);
	});
});

describe("crypto-timing.mjs", () => {
	it('times the checks and key imports a process makes through `import … from "node:crypto"`, every 8th of each', async () => {
		const file = join(dir, "timing.json");
		const script = `
			import { createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
			const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
			const jwk = publicKey.export({ format: "jwk" });
			const data = Buffer.from("data");
			const signature = sign("sha256", data, privateKey);
			for (let i = 0; i < 800; i++) {
				if (!verify("sha256", data, createPublicKey({ key: jwk, format: "jwk" }), signature)) throw new Error("not valid");
			}`;
		await promisify(execFile)(process.execPath, ["--import", CRYPTO_TIMING_PRELOAD, "--input-type=module", "-e", script], {
			env: { ...process.env, BENCH_CRYPTO_TIMING: file },
		});
		const timing = cryptoInServer(file, 0, 1e15);
		assert.ok(timing, "written at exit");
		// 100 of each measured, less any call during which the thread was switched out.
		assert.ok(timing.verifies > 80 && timing.verifies <= 100, `${timing.verifies} checks measured`);
		assert.ok(timing.importsPerVerify > 0.8 && timing.importsPerVerify < 1.25, `${timing.importsPerVerify} imports per check`);
		assert.ok(timing.verifyMicros > 5 && timing.verifyMicros < 5000, `${timing.verifyMicros} µs a check`);
		assert.ok(timing.importMicros > 1 && timing.importMicros < 5000, `${timing.importMicros} µs an import`);
	});
});
