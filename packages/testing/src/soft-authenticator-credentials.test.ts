import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { verifyAuthenticationResponse, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { AuthenticationResponseJSON } from "./authentication-response-json.ts";
import { CoseAlgorithm } from "./cose-algorithm.ts";
import { decodeBase64Url } from "./decode-base64url.ts";
import { encodeBase64Url } from "./encode-base64url.ts";
import type { ExportedCredential } from "./exported-credential.ts";
import type { PublicKeyCredentialCreationOptionsJSON } from "./public-key-credential-creation-options-json.ts";
import { SoftAuthenticator } from "./soft-authenticator.ts";

const ORIGIN = "https://example.com";
const RP_ID = "example.com";

function creationOptions(userName: string, residentKey: "required" | "discouraged"): PublicKeyCredentialCreationOptionsJSON {
	return {
		challenge: encodeBase64Url(crypto.getRandomValues(new Uint8Array(32))),
		rp: { id: RP_ID, name: "Example" },
		user: { id: encodeBase64Url(new TextEncoder().encode(userName)), name: userName, displayName: userName },
		pubKeyCredParams: [{ type: "public-key", alg: -7 }],
		authenticatorSelection: { residentKey },
	};
}

async function verify(response: AuthenticationResponseJSON, challenge: string, stored: ExportedCredential): Promise<number> {
	const result = await verifyAuthenticationResponse({
		response,
		expectedChallenge: challenge,
		expectedOrigin: ORIGIN,
		expectedRPID: RP_ID,
		credential: { id: stored.id, publicKey: decodeBase64Url(stored.publicKey), counter: stored.counter },
	});
	assert.equal(result.verified, true);
	return result.authenticationInfo.newCounter;
}

describe("SoftAuthenticator credentials", () => {
	it("increments the sign counter on each assertion", async () => {
		const authenticator = new SoftAuthenticator();
		const { id } = authenticator.createCredential(creationOptions("ada", "required"), { origin: ORIGIN });
		for (const expected of [1, 2, 3]) {
			const stored = authenticator.exportCredential(id);
			const assertion = authenticator.getAssertion({ challenge: "Y2hhbGxlbmdl", rpId: RP_ID }, { origin: ORIGIN });
			assert.equal(await verify(assertion, "Y2hhbGxlbmdl", stored), expected);
		}
		const stored = authenticator.exportCredential(id);
		const pinned = authenticator.getAssertion({ challenge: "Y2hhbGxlbmdl" }, { origin: ORIGIN, signCount: 50 });
		assert.equal(await verify(pinned, "Y2hhbGxlbmdl", stored), 50);
		assert.equal(authenticator.exportCredential(id).counter, 50);
	});

	it("models synced passkeys with a fixed zero counter and BE/BS set", async () => {
		const authenticator = new SoftAuthenticator({ flags: { be: true, bs: true }, fixedSignCount: 0 });
		const options = creationOptions("ada", "required");
		const registration = authenticator.createCredential(options, { origin: ORIGIN });
		const result = await verifyRegistrationResponse({
			response: registration,
			expectedChallenge: options.challenge,
			expectedOrigin: ORIGIN,
			expectedRPID: RP_ID,
		});
		assert.equal(result.registrationInfo?.credentialDeviceType, "multiDevice");
		assert.equal(result.registrationInfo?.credentialBackedUp, true);
		for (let round = 0; round < 3; round += 1) {
			const assertion = authenticator.getAssertion({ challenge: "Y2hhbGxlbmdl" }, { origin: ORIGIN });
			assert.equal(await verify(assertion, "Y2hhbGxlbmdl", authenticator.exportCredential(registration.id)), 0);
		}
	});

	it("uses the most recent discoverable credential and returns its userHandle when allowCredentials is empty", () => {
		const authenticator = new SoftAuthenticator();
		const ada = authenticator.createCredential(creationOptions("ada", "required"), { origin: ORIGIN });
		const bob = authenticator.createCredential(creationOptions("bob", "required"), { origin: ORIGIN });
		authenticator.createCredential(creationOptions("eve", "discouraged"), { origin: ORIGIN });
		const latest = authenticator.getAssertion({ challenge: "Y2hhbGxlbmdl", allowCredentials: [] }, { origin: ORIGIN });
		assert.equal(latest.id, bob.id);
		assert.equal(new TextDecoder().decode(decodeBase64Url(latest.response.userHandle ?? "")), "bob");
		const chosen = authenticator.getAssertion({ challenge: "Y2hhbGxlbmdl" }, { origin: ORIGIN, credentialId: ada.id });
		assert.equal(chosen.id, ada.id);
		assert.equal(chosen.response.userHandle, encodeBase64Url(new TextEncoder().encode("ada")));
	});

	it("signs with a non-discoverable credential only when allowCredentials names it", () => {
		const authenticator = new SoftAuthenticator();
		const eve = authenticator.createCredential(creationOptions("eve", "discouraged"), { origin: ORIGIN });
		assert.deepEqual(eve.clientExtensionResults, { credProps: { rk: false } });
		assert.throws(() => authenticator.getAssertion({ challenge: "Y2hhbGxlbmdl" }, { origin: ORIGIN }), {
			name: "NotAllowedError",
		});
		const assertion = authenticator.getAssertion(
			{ challenge: "Y2hhbGxlbmdl", allowCredentials: [{ id: eve.id, type: "public-key" }] },
			{ origin: ORIGIN },
		);
		assert.equal(assertion.id, eve.id);
		assert.equal(assertion.response.userHandle, undefined);
	});

	it("refuses to register a credential listed in excludeCredentials", () => {
		const authenticator = new SoftAuthenticator();
		const first = authenticator.createCredential(creationOptions("ada", "required"), { origin: ORIGIN });
		const options = { ...creationOptions("ada", "required"), excludeCredentials: [{ id: first.id, type: "public-key" as const }] };
		assert.throws(() => authenticator.createCredential(options, { origin: ORIGIN }), { name: "InvalidStateError" });
	});

	it("exports credentials that verify after a JSON round trip into another authenticator", async () => {
		const source = new SoftAuthenticator();
		const algorithms: CoseAlgorithm[] = [CoseAlgorithm.ES256, CoseAlgorithm.EdDSA, CoseAlgorithm.RS256];
		const created = algorithms.map((alg) => source.createCredential(creationOptions(`user-${alg}`, "required"), { origin: ORIGIN, alg }));
		assert.deepEqual(
			source.listCredentials(RP_ID).map((credential) => credential.id),
			created.map((item) => item.id),
		);
		assert.deepEqual(source.listCredentials("other.example"), []);
		const target = new SoftAuthenticator();
		for (const registration of created) {
			const exported: ExportedCredential = JSON.parse(JSON.stringify(source.exportCredential(registration.id)));
			assert.equal(exported.alg, registration.response.publicKeyAlgorithm);
			target.importCredential(exported);
			const assertion = target.getAssertion({ challenge: "Y2hhbGxlbmdl" }, { origin: ORIGIN, credentialId: exported.id });
			assert.equal(await verify(assertion, "Y2hhbGxlbmdl", exported), 1);
		}
		assert.equal(target.deleteCredential(created[0]?.id ?? ""), true);
		assert.equal(target.listCredentials().length, 2);
	});

	it("derives the RP ID from the origin and reports the configured AAGUID", async () => {
		const aaguid = "adce0002-35bc-c60a-648b-0b25f1f05503";
		const authenticator = new SoftAuthenticator({ aaguid });
		const options = creationOptions("ada", "required");
		const registration = authenticator.createCredential({ ...options, rp: { name: "Example" } }, { origin: ORIGIN });
		const result = await verifyRegistrationResponse({
			response: registration,
			expectedChallenge: options.challenge,
			expectedOrigin: ORIGIN,
			expectedRPID: RP_ID,
		});
		assert.equal(result.registrationInfo?.aaguid, aaguid);
		assert.equal(authenticator.listCredentials()[0]?.rpId, RP_ID);
	});
});
