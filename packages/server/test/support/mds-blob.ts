import {
	BasicConstraintsExtension,
	KeyUsageFlags,
	KeyUsagesExtension,
	type X509Certificate,
	X509CertificateGenerator,
} from "@peculiar/x509";
import type { MetadataBLOBPayloadEntry, MetadataStatement } from "@simplewebauthn/server";
import { CompactSign } from "jose";

const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;

/** A test PKI shaped like the FIDO Alliance's: root CA → intermediate CA → blob signing leaf. */
export interface MdsTestPki {
	rootPem: string;
	/** `x5c` of the blob: [leaf, intermediate] as base64 DER. */
	x5c: string[];
	leafKey: CryptoKey;
}

const base64 = (der: ArrayBuffer): string => Buffer.from(der).toString("base64");

async function keyPair(): Promise<CryptoKeyPair> {
	return (await crypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
}

/**
 * Makes a root, an intermediate and a leaf (WebCrypto P-256), valid `validFrom`..`validTo` (the leaf's window may be
 * narrowed with `leafValidTo`).
 */
export async function createMdsTestPki(options: { name: string; validFrom: Date; validTo: Date; leafValidTo?: Date }): Promise<MdsTestPki> {
	const [rootKeys, caKeys, leafKeys] = [await keyPair(), await keyPair(), await keyPair()];
	const ca = (pathLength?: number) => [
		new BasicConstraintsExtension(true, pathLength, true),
		new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
	];
	const root: X509Certificate = await X509CertificateGenerator.createSelfSigned({
		serialNumber: "01",
		name: `CN=${options.name} Root CA`,
		notBefore: options.validFrom,
		notAfter: options.validTo,
		keys: rootKeys,
		signingAlgorithm: SIGNING,
		extensions: ca(),
	});
	const intermediate = await X509CertificateGenerator.create({
		serialNumber: "02",
		subject: `CN=${options.name} Intermediate CA`,
		issuer: root.subject,
		notBefore: options.validFrom,
		notAfter: options.validTo,
		publicKey: caKeys.publicKey,
		signingKey: rootKeys.privateKey,
		signingAlgorithm: SIGNING,
		extensions: ca(0),
	});
	const leaf = await X509CertificateGenerator.create({
		serialNumber: "03",
		subject: `CN=${options.name} Metadata Signer`,
		issuer: intermediate.subject,
		notBefore: options.validFrom,
		notAfter: options.leafValidTo ?? options.validTo,
		publicKey: leafKeys.publicKey,
		signingKey: caKeys.privateKey,
		signingAlgorithm: SIGNING,
		extensions: [new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true)],
	});
	return { rootPem: root.toString("pem"), x5c: [base64(leaf.rawData), base64(intermediate.rawData)], leafKey: leafKeys.privateKey };
}

export const CERTIFIED_AAGUID = "11111111-2222-3333-4444-555555555555";
export const UNCERTIFIED_AAGUID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
/** The revoked one is a FIDO U2F key: known by its attestation certificate key identifier. */
export const REVOKED_KEY_ID = "0123456789abcdef0123456789abcdef01234567";

function statement(description: string, extra: Record<string, unknown>): MetadataStatement {
	return {
		description,
		authenticatorVersion: 1,
		protocolFamily: "fido2",
		schema: 3,
		upv: [{ major: 1, minor: 0 }],
		authenticationAlgorithms: ["secp256r1_ecdsa_sha256_raw"],
		publicKeyAlgAndEncodings: ["cose"],
		attestationTypes: ["basic_full"],
		userVerificationDetails: [[{ userVerificationMethod: "presence_internal" }]],
		keyProtection: ["hardware"],
		matcherProtection: ["on_chip"],
		tcDisplay: [],
		attestationRootCertificates: [],
		...extra,
	} as MetadataStatement;
}

/** Three entries: a certified FIDO2 key, an uncertified one, and a revoked U2F key. */
export const TEST_ENTRIES: MetadataBLOBPayloadEntry[] = [
	{
		aaguid: CERTIFIED_AAGUID,
		metadataStatement: statement("Certified Test Key", { aaguid: CERTIFIED_AAGUID, icon: "data:image/png;base64,iVBORw0KGgo=" }),
		statusReports: [
			{ status: "NOT_FIDO_CERTIFIED", effectiveDate: "2023-01-01" },
			{ status: "FIDO_CERTIFIED_L1", effectiveDate: "2024-03-01" },
		],
		timeOfLastStatusChange: "2024-03-01",
	},
	{
		aaguid: UNCERTIFIED_AAGUID,
		metadataStatement: statement("Uncertified Test Key", { aaguid: UNCERTIFIED_AAGUID, attestationTypes: ["basic_full", "attca"] }),
		statusReports: [{ status: "NOT_FIDO_CERTIFIED", effectiveDate: "2024-01-01" }],
		timeOfLastStatusChange: "2024-01-01",
	},
	{
		attestationCertificateKeyIdentifiers: [REVOKED_KEY_ID],
		metadataStatement: statement("Revoked U2F Key", {
			protocolFamily: "u2f",
			attestationCertificateKeyIdentifiers: [REVOKED_KEY_ID],
			attestationTypes: ["basic_surrogate"],
		}),
		statusReports: [
			{ status: "REVOKED", effectiveDate: "2024-06-01" },
			{ status: "FIDO_CERTIFIED", effectiveDate: "2020-01-01" },
		],
		timeOfLastStatusChange: "2024-06-01",
	},
];

/**
 * Signs an MDS3-shaped payload (ES256, `x5c` [leaf, intermediate]) as the FIDO Alliance signs its blob.
 * @param pki - the test PKI
 * @param payload - overrides of `{ legalHeader, no: 7, nextUpdate: "2025-02-01", entries: TEST_ENTRIES }`
 */
export async function signMdsBlob(pki: MdsTestPki, payload: Record<string, unknown> = {}): Promise<string> {
	const body = { legalHeader: "Test legal header", no: 7, nextUpdate: "2025-02-01", entries: TEST_ENTRIES, ...payload };
	return new CompactSign(new TextEncoder().encode(JSON.stringify(body)))
		.setProtectedHeader({ alg: "ES256", typ: "JWT", x5c: pki.x5c })
		.sign(pki.leafKey);
}

/** The blob with one byte of its signature changed. */
export function withBadSignature(jwt: string): string {
	const [header, payload, signature = ""] = jwt.split(".");
	const bytes = Buffer.from(signature, "base64url");
	bytes[10] = (bytes[10] ?? 0) ^ 0x01;
	return `${header}.${payload}.${bytes.toString("base64url")}`;
}
