import { createPrivateKey, type KeyObject, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

const ES256 = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY = 86_400_000;

/** A certificate made in a test, as DER and PEM, with its key. */
export interface TestCertificate {
	der: Uint8Array;
	pem: string;
	keys: CryptoKeyPair;
}

/** A leaf for `packed` full attestation: its chain (leaf first, root left out) and its private key. */
export interface TestAttestationLeaf {
	chain: Uint8Array[];
	privateKey: KeyObject;
	alg: -7;
}

/** A test PKI for attestation: a root, an intermediate, and leaves issued under them on demand. */
export interface TestAttestationCa {
	root: TestCertificate;
	intermediate: TestCertificate;
	/**
	 * Issues a leaf fit for packed attestation (OU=Authenticator Attestation, CA:false).
	 * @param options - validity (default: a year either side of `at`), and `selfSigned` for a leaf that signs itself
	 */
	issueLeaf(options?: { notBefore?: Date; notAfter?: Date; selfSigned?: boolean }): Promise<TestAttestationLeaf & { pem: string }>;
}

async function keyPair(): Promise<CryptoKeyPair> {
	return (await webcrypto.subtle.generateKey(ES256, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function toKeyObject(key: CryptoKey): Promise<KeyObject> {
	const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", key);
	return createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" });
}

function wrap(cert: x509.X509Certificate, keys: CryptoKeyPair): TestCertificate {
	return { der: new Uint8Array(cert.rawData), pem: cert.toString("pem"), keys };
}

/**
 * Makes a root CA and an intermediate (valid ten years around `at`), and issues attestation leaves under them; for
 * tests of chains, trust anchors and FIDO metadata without a real device.
 * @param name - put into the subjects, to tell several PKIs apart
 * @param at - the time the certificates are valid around @default now
 * @example const ca = await createTestAttestationCa("Acme"); const leaf = await ca.issueLeaf();
 */
export async function createTestAttestationCa(name = "Latchkey Test", at = new Date()): Promise<TestAttestationCa> {
	x509.cryptoProvider.set(webcrypto as Crypto);
	const from = new Date(at.getTime() - 3650 * DAY);
	const to = new Date(at.getTime() + 3650 * DAY);
	const rootKeys = await keyPair();
	const root = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: "01",
		name: `CN=${name} Root CA, O=${name}, C=US`,
		notBefore: from,
		notAfter: to,
		keys: rootKeys,
		signingAlgorithm: ES256,
		extensions: [
			new x509.BasicConstraintsExtension(true, undefined, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
		],
	});
	const intermediateKeys = await keyPair();
	const intermediate = await x509.X509CertificateGenerator.create({
		serialNumber: "02",
		subject: `CN=${name} Attestation CA, O=${name}, C=US`,
		issuer: root.subject,
		notBefore: from,
		notAfter: to,
		publicKey: intermediateKeys.publicKey,
		signingKey: rootKeys.privateKey,
		signingAlgorithm: ES256,
		extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
	});
	let serial = 16;
	return {
		root: wrap(root, rootKeys),
		intermediate: wrap(intermediate, intermediateKeys),
		async issueLeaf(options = {}) {
			const leafKeys = await keyPair();
			const subject = `CN=${name} Key ${serial}, OU=Authenticator Attestation, O=${name}, C=US`;
			const leaf = await x509.X509CertificateGenerator.create({
				serialNumber: (serial++).toString(16).padStart(2, "0"),
				subject,
				issuer: options.selfSigned ? subject : intermediate.subject,
				notBefore: options.notBefore ?? new Date(at.getTime() - 365 * DAY),
				notAfter: options.notAfter ?? new Date(at.getTime() + 365 * DAY),
				publicKey: leafKeys.publicKey,
				signingKey: options.selfSigned ? leafKeys.privateKey : intermediateKeys.privateKey,
				signingAlgorithm: ES256,
				extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
			});
			const chain = options.selfSigned
				? [new Uint8Array(leaf.rawData)]
				: [new Uint8Array(leaf.rawData), new Uint8Array(intermediate.rawData)];
			return { chain, privateKey: await toKeyObject(leafKeys.privateKey), alg: -7, pem: leaf.toString("pem") };
		},
	};
}
