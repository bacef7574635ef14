/**
 * Registrations captured from real authenticators (test/fixtures/attestation, each file naming its source and
 * licence), verified through the library entry point and through `/register/complete` with the server's clock pinned
 * to a time inside their certificates' validity.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type ErrorCode, isPasskeyError } from "@latchkey/protocol";
import pino from "pino";
import { buildApp } from "../../src/app.ts";
import { createApp } from "../../src/apps/create-app.ts";
import { fixedClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config.ts";
import type { Deps } from "../../src/deps.ts";
import { createMdsCatalog } from "../../src/mds/mds-catalog.ts";
import { seededRandom } from "../../src/random.ts";
import { createSignatureVerifier } from "../../src/signatures/signature-verifier.ts";
import { createMemoryStore } from "../../src/store/memory/memory-store.ts";
import { newTokenText, tokenId } from "../../src/tokens/token-text.ts";
import { type MetadataBLOBPayloadEntry, type RegistrationResponseBody, verifyRegistrationResponse } from "../../src/webauthn-library.ts";
import { NO_RATE_LIMITS } from "../support/in-process.ts";

interface Capture {
	name: string;
	fmt: string;
	device: string;
	source: { repository: string; path: string; licence: string };
	expectedChallenge: string;
	expectedOrigin: string;
	expectedRpId: string;
	verifyAt: string;
	certificateValidity?: { subject: string; notBefore: string; notAfter: string }[];
	aaguid: string;
	response: RegistrationResponseBody;
	trustAnchors: string[];
	requireUserVerification?: boolean;
}

const DIR = new URL("../fixtures/attestation/", import.meta.url);
const captures: Capture[] = readdirSync(DIR)
	.filter((name) => name.endsWith(".json"))
	.sort()
	.map((name) => JSON.parse(readFileSync(new URL(name, DIR), "utf8")) as Capture);
const accepted = captures.filter((c) => c.fmt !== "android-safetynet");
const ZERO_AAGUID = "00000000-0000-0000-0000-000000000000";
const fails = (code: ErrorCode) => (error: unknown) => isPasskeyError(error, code);

/** Whether every certificate of the capture has expired by today (its date matters, so `now` must be given). */
function expiredToday(capture: Capture): boolean {
	return (capture.certificateValidity ?? []).some((c) => new Date(c.notAfter).getTime() < Date.now());
}

const verifyCapture = (capture: Capture, extra: Partial<Parameters<typeof verifyRegistrationResponse>[0]> = {}) =>
	verifyRegistrationResponse({
		response: capture.response,
		expectedChallenge: capture.expectedChallenge,
		expectedOrigin: capture.expectedOrigin,
		expectedRpId: capture.expectedRpId,
		...extra,
	});

describe("real-device registrations", () => {
	it("cover every format the issue names", () => {
		const formats = new Set(captures.map((c) => c.fmt));
		for (const fmt of ["packed", "fido-u2f", "tpm", "apple", "android-key", "none", "android-safetynet"]) assert.ok(formats.has(fmt), fmt);
		assert.ok(
			captures.some((c) => c.fmt === "packed" && c.trustAnchors.length > 0),
			"packed with x5c",
		);
		assert.ok(
			captures.some((c) => c.fmt === "packed" && c.trustAnchors.length === 0),
			"packed self attestation",
		);
		for (const capture of captures)
			assert.ok(capture.source.repository && capture.source.licence, `${capture.name} names its source and licence`);
	});

	for (const capture of accepted) {
		it(`${capture.name} (${capture.fmt}, ${capture.device}) verifies through the library at its own time`, async () => {
			const anchored = capture.trustAnchors.length > 0;
			const { credential } = await verifyCapture(capture, {
				now: new Date(capture.verifyAt),
				attestation: { trustAnchors: capture.trustAnchors, mode: anchored ? "strict" : "permissive" },
			});
			assert.equal(credential.fmt, capture.fmt);
			assert.equal(credential.aaguid, capture.aaguid);
			assert.equal(credential.attestationTrusted, anchored, credential.attestationReason);
			if (anchored) {
				// The same statement against another vendor's root: not trusted, refused in strict mode.
				const other = accepted.find((c) => c.trustAnchors.length > 0 && c.trustAnchors[0] !== capture.trustAnchors[0]);
				if (other) {
					await assert.rejects(
						verifyCapture(capture, {
							now: new Date(capture.verifyAt),
							attestation: { trustAnchors: other.trustAnchors, mode: "strict", shippedRoots: false },
						}),
						fails("attestation_not_trusted"),
					);
				}
				if (expiredToday(capture)) {
					await assert.rejects(
						verifyCapture(capture, { attestation: { trustAnchors: capture.trustAnchors, mode: "strict" } }),
						(error: unknown) => isPasskeyError(error),
					);
				}
			}
		});
	}

	it("refuses the android-safetynet capture with attestation_format_not_supported", async () => {
		for (const capture of captures.filter((c) => c.fmt === "android-safetynet")) {
			await assert.rejects(verifyCapture(capture, { now: new Date(capture.verifyAt) }), fails("attestation_format_not_supported"));
		}
	});

	for (const capture of accepted) {
		it(`${capture.name} registers through /register/complete with the server's clock at its time`, async () => {
			const clock = fixedClock(capture.verifyAt);
			const deps: Deps = {
				store: createMemoryStore(),
				clock,
				random: seededRandom(capture.name),
				logger: pino({ level: "silent" }),
				signatures: createSignatureVerifier(),
				mds: { current: async () => null },
			};
			const origin = capture.expectedOrigin;
			const rpId = capture.expectedRpId;
			const keys = await createApp({ appId: "captures", rpId, allowedOrigins: [origin] }, deps);
			// A capture with an AAGUID and a root goes through strict mode, with that root as its metadata entry's.
			const strict = capture.trustAnchors.length > 0 && capture.aaguid !== ZERO_AAGUID;
			if (strict) {
				const roots = capture.trustAnchors.map((pem) => pem.replace(/-----[A-Z ]+-----|\s+/g, ""));
				const entry = {
					aaguid: capture.aaguid,
					metadataStatement: { description: capture.device, attestationRootCertificates: roots },
					statusReports: [{ status: "FIDO_CERTIFIED", effectiveDate: "2020-01-01" }],
					timeOfLastStatusChange: "2020-01-01",
				} as unknown as MetadataBLOBPayloadEntry;
				const lookup = createMdsCatalog({ no: 1, nextUpdate: new Date("2030-01-01T00:00:00Z"), entries: [entry] });
				deps.mds = { current: async () => lookup };
				const settings = (await deps.store.apps.findById("captures"))?.settings;
				assert.ok(settings);
				await deps.store.apps.updateSettings("captures", { ...settings, attestationMode: "strict" });
			}
			const app = buildApp(deps, loadConfig({ ...NO_RATE_LIMITS }));
			await app.ready();
			// The capture's challenge is fixed, so its session is planted as /register/begin would have stored it.
			const session = newTokenText("session_", deps.random);
			await deps.store.ceremonies.put({
				id: tokenId(session),
				appId: "captures",
				kind: "registration",
				state: {
					challenge: capture.expectedChallenge,
					origin,
					rpId,
					userId: "device-owner",
					userHandle: "ZGV2aWNlLW93bmVy",
					userVerification: capture.requireUserVerification ? "required" : "discouraged",
					aliases: null,
					attestation: "direct",
				},
				expiresAt: new Date(clock.now().getTime() + 300_000),
			});
			const res = await app.inject({
				method: "POST",
				url: "/register/complete",
				headers: { "content-type": "application/json", ApiKey: keys.apiKey },
				payload: JSON.stringify({ session, response: capture.response, RPID: rpId, Origin: origin }),
			});
			assert.equal(res.statusCode, 200, res.body);
			const [stored] = await deps.store.credentials.listByUser("captures", "device-owner");
			assert.equal(stored?.attestationFmt, capture.fmt);
			assert.equal(stored?.aaguid, capture.aaguid);
			assert.ok(stored?.attestationTrust?.reason, "the verdict is stored with its reason");
			if (strict) assert.equal(stored?.attestationTrust?.trusted, true, stored?.attestationTrust?.reason);
			if (capture.fmt === "apple" || capture.fmt === "android-key") {
				assert.equal(stored?.attestationTrust?.trusted, true, `the shipped ${capture.fmt} root: ${stored?.attestationTrust?.reason}`);
			}
			await app.close();
		});
	}
});
