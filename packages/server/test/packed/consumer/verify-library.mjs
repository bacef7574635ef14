// The verification library as installed: `@latchkey/server/webauthn` verifies a registration (packed self
// attestation) and a sign-in made by @latchkey/testing's SoftAuthenticator, with no server running. Prints one JSON
// line: what it returned, and the code of a refused replay.
import { isPasskeyError, verifyAuthenticationResponse, verifyRegistrationResponse } from "@latchkey/server/webauthn";
import { SoftAuthenticator } from "@latchkey/testing";

const origin = "https://shop.example";
const rpId = "shop.example";
const challenge = (byte) => Buffer.alloc(32, byte).toString("base64url");
const authenticator = new SoftAuthenticator({ aaguid: "2fc0579f-8113-47ea-b116-bb5a8db9202a" });
const response = authenticator.createCredential(
	{
		rp: { id: rpId, name: "Shop" },
		user: { id: Buffer.from("ada").toString("base64url"), name: "ada", displayName: "Ada" },
		challenge: challenge(1),
		pubKeyCredParams: [{ type: "public-key", alg: -7 }],
		authenticatorSelection: { residentKey: "required" },
	},
	{ origin, attestationFormat: "packed" },
);
const { credential } = await verifyRegistrationResponse({
	response,
	expectedChallenge: challenge(1),
	expectedOrigin: origin,
	expectedRpId: rpId,
});
const assertion = authenticator.getAssertion({ challenge: challenge(2), rpId }, { origin });
const stored = { id: credential.id, publicKey: credential.publicKey, counter: credential.counter };
const signedIn = await verifyAuthenticationResponse({
	response: assertion,
	expectedChallenge: challenge(2),
	expectedOrigin: origin,
	expectedRpId: rpId,
	credential: stored,
});
let replay = "accepted";
try {
	await verifyAuthenticationResponse({
		response: assertion,
		expectedChallenge: challenge(2),
		expectedOrigin: origin,
		expectedRpId: rpId,
		credential: { ...stored, counter: signedIn.newCounter },
	});
} catch (error) {
	replay = isPasskeyError(error) ? error.code : String(error);
}
console.log(
	JSON.stringify({
		fmt: credential.fmt,
		aaguid: credential.aaguid,
		alg: credential.alg,
		trusted: credential.attestationTrusted,
		keyBytes: credential.publicKey instanceof Uint8Array,
		newCounter: signedIn.newCounter,
		replay,
	}),
);
