import {
	buildClientDataJSON,
	CoseAlgorithm,
	encodeAttestationObject,
	encodeAuthenticatorData,
	encodeBase64Url,
	encodeCosePublicKey,
	generateCredentialKeyPair,
} from "@latchkey/testing";

/**
 * Builds a registration response by hand (for the cases a well-behaved authenticator never produces): a chosen
 * credential id, a COSE key that claims another algorithm, or a packed attestation signed by the wrong key.
 * @param options - the server's creation options (`challenge`, `rp.id`)
 * @param input - origin and what to break
 */
export function craftRegistration(
	options: { challenge: string; rp: { id: string } },
	input: {
		origin: string;
		credentialId?: Uint8Array;
		claimAlgorithm?: "ES256K";
		packedSignedByOtherKey?: boolean;
		/** A `none` attestation that nonetheless carries a (packed) statement. */
		noneWithStatement?: boolean;
	},
): Record<string, unknown> {
	const alg = CoseAlgorithm.ES256;
	const { publicKey } = generateCredentialKeyPair(alg);
	let cose = encodeCosePublicKey(publicKey, alg);
	if (input.claimAlgorithm === "ES256K") {
		// COSE_Key starts a5 01 02 03 26 (kty EC2, alg -7); -47 (ES256K) is 38 2e.
		cose = new Uint8Array([...cose.subarray(0, 4), 0x38, 0x2e, ...cose.subarray(5)]);
	}
	const credentialId = input.credentialId ?? crypto.getRandomValues(new Uint8Array(32));
	const clientDataJSON = buildClientDataJSON({ type: "webauthn.create", challenge: options.challenge, origin: input.origin });
	const authData = encodeAuthenticatorData(options.rp.id, {
		flags: { up: true, uv: true, be: false, bs: false },
		signCount: 0,
		attestedCredential: { aaguid: new Uint8Array(16), credentialId, cosePublicKey: cose },
	});
	let attestationObject =
		input.packedSignedByOtherKey || input.noneWithStatement
			? encodeAttestationObject(authData, {
					format: "packed",
					alg,
					privateKey: generateCredentialKeyPair(alg).privateKey,
					clientDataJSON,
				})
			: encodeAttestationObject(authData, { format: "none" });
	if (input.noneWithStatement) {
		// Relabel the format: CBOR text "packed" (66 70 61 63 6b 65 64) becomes "none" (64 6e 6f 6e 65); each string
		// carries its own length, so the rest of the map is unchanged.
		const hex = Buffer.from(attestationObject).toString("hex").replace("667061636b6564", "646e6f6e65");
		attestationObject = new Uint8Array(Buffer.from(hex, "hex"));
	}
	const id = encodeBase64Url(credentialId);
	return {
		id,
		rawId: id,
		type: "public-key",
		clientExtensionResults: {},
		response: {
			clientDataJSON: encodeBase64Url(clientDataJSON),
			attestationObject: encodeBase64Url(attestationObject),
			transports: ["usb"],
		},
	};
}
