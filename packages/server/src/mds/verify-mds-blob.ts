import { PasskeyError } from "@latchkey/protocol";
import { BasicConstraintsExtension, X509Certificate } from "@peculiar/x509";
import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import { compactVerify, decodeProtectedHeader, importX509, type ProtectedHeaderParameters } from "jose";

/** What a verified FIDO MDS3 blob carries. */
export interface VerifiedMdsBlob {
	/** The blob's serial number: each blob the FIDO Alliance publishes has a higher one. */
	no: number;
	/** The blob's `nextUpdate` date ("YYYY-MM-DD") as midnight UTC of that day. */
	nextUpdate: Date;
	legalHeader: string;
	entries: MetadataBLOBPayloadEntry[];
}

/** The JWS algorithms a blob may be signed with (MDS3 §3.1.7: the FIDO Alliance signs with RS256; ES256 in tests). */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

const invalid = (detail: string, cause?: unknown): PasskeyError =>
	new PasskeyError("mds_blob_invalid", cause === undefined ? { detail } : { detail, cause });

/** A certificate's common name, else its whole subject, for messages. */
function nameOf(cert: X509Certificate): string {
	return cert.subjectName.getField("CN")[0] ?? cert.subject;
}

function parseCertificate(text: string, where: string): X509Certificate {
	try {
		return new X509Certificate(text);
	} catch (error) {
		throw invalid(`${where} is not an X.509 certificate.`, error);
	}
}

function checkValidAt(cert: X509Certificate, where: string, now: Date): void {
	if (now < cert.notBefore) {
		throw invalid(
			`${where} ('${nameOf(cert)}') is not valid yet at ${now.toISOString()}: it is valid from ${cert.notBefore.toISOString()}.`,
		);
	}
	if (now > cert.notAfter) {
		throw invalid(`${where} ('${nameOf(cert)}') expired on ${cert.notAfter.toISOString()} (checked at ${now.toISOString()}).`);
	}
}

/** Whether `issuer` is a CA certificate whose key signed `cert` and whose subject is `cert`'s issuer. */
async function isIssuedBy(cert: X509Certificate, issuer: X509Certificate): Promise<boolean> {
	if (cert.issuer !== issuer.subject) return false;
	return cert.verify({ publicKey: issuer, signatureOnly: true });
}

function isCa(cert: X509Certificate): boolean {
	return cert.getExtension(BasicConstraintsExtension)?.ca === true;
}

/**
 * Checks that the `x5c` chain (leaf first) is valid at `now` and ends at one of `roots`: each certificate is signed by
 * the next one (a CA), the last by a root (or is a root). No network: no CRL or OCSP is fetched.
 */
async function checkChain(chain: X509Certificate[], roots: X509Certificate[], now: Date): Promise<void> {
	for (const [index, cert] of chain.entries()) {
		checkValidAt(cert, `x5c[${index}]`, now);
		const next = chain[index + 1];
		if (next === undefined) break;
		if (!isCa(next)) throw invalid(`x5c[${index + 1}] ('${nameOf(next)}') is not a CA certificate, so it cannot issue x5c[${index}].`);
		if (!(await isIssuedBy(cert, next)))
			throw invalid(`x5c[${index}] ('${nameOf(cert)}') is not signed by x5c[${index + 1}] ('${nameOf(next)}').`);
	}
	const last = chain[chain.length - 1] as X509Certificate;
	const lastBytes = new Uint8Array(last.rawData);
	for (const root of roots) {
		const sameAsRoot = root.rawData.byteLength === lastBytes.byteLength && new Uint8Array(root.rawData).every((b, i) => b === lastBytes[i]);
		if (sameAsRoot || (await isIssuedBy(last, root))) {
			checkValidAt(root, `the root certificate`, now);
			return;
		}
	}
	const names = roots.map((r) => `'${nameOf(r)}'`).join(", ");
	throw invalid(`the x5c chain ends at '${nameOf(last)}' (issued by '${last.issuer}'), which is not signed by the trusted root ${names}.`);
}

function checkPayload(payload: unknown): { no: number; nextUpdate: string; legalHeader: string; entries: MetadataBLOBPayloadEntry[] } {
	if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw invalid("the JWS payload is not a JSON object.");
	const { no, nextUpdate, legalHeader, entries } = payload as Record<string, unknown>;
	if (typeof no !== "number" || !Number.isSafeInteger(no) || no < 0) throw invalid("the payload's 'no' is not a non-negative integer.");
	if (typeof nextUpdate !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(nextUpdate) || Number.isNaN(Date.parse(`${nextUpdate}T00:00:00Z`))) {
		throw invalid("the payload's 'nextUpdate' is not a date (YYYY-MM-DD).");
	}
	if (legalHeader !== undefined && typeof legalHeader !== "string") throw invalid("the payload's 'legalHeader' is not a string.");
	if (!Array.isArray(entries)) throw invalid("the payload's 'entries' is not an array.");
	for (const [index, entry] of entries.entries()) {
		const e = entry as Partial<MetadataBLOBPayloadEntry> | null;
		if (typeof e !== "object" || e === null || !Array.isArray(e.statusReports)) {
			throw invalid(`entries[${index}] is not a metadata entry (an object with 'statusReports').`);
		}
		if (e.aaguid !== undefined && typeof e.aaguid !== "string") throw invalid(`entries[${index}].aaguid is not a string.`);
	}
	return { no, nextUpdate, legalHeader: legalHeader ?? "", entries: entries as MetadataBLOBPayloadEntry[] };
}

/**
 * Verifies a FIDO Metadata Service (MDS3) blob offline: the JWS signature with the key of the header's `x5c[0]`, the
 * `x5c` chain up to one of `rootCertificates` with every validity window checked at `now` (MDS3 §3.1.7 steps 4–5,
 * without fetching CRLs), and that `nextUpdate` has not passed.
 * @param jwt - the blob as downloaded from https://mds3.fidoalliance.org/ (a compact JWS, surrounding whitespace allowed)
 * @param options - `rootCertificates`: trusted roots as PEM (the shipped data/fido-mds-root.pem, or a private
 * mirror's); `now`: the time to check validity and `nextUpdate` at
 * @returns the blob's serial number, `nextUpdate` (midnight UTC of that date), legal header and entries
 * @throws mds_blob_invalid when the text is not a JWS carrying an MDS3 payload, the signature does not verify, the chain
 * does not end at a root, or a certificate is not valid at `now`; mds_blob_expired when `now` is after `nextUpdate`
 * @example
 * const blob = await verifyMdsBlob(readFileSync("blob.jwt", "utf8"), { rootCertificates: [rootPem], now: clock.now() });
 */
export async function verifyMdsBlob(jwt: string, options: { rootCertificates: string[]; now: Date }): Promise<VerifiedMdsBlob> {
	const { now } = options;
	const text = jwt.trim();
	if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) {
		throw invalid("the file is not a compact JWS (three base64url parts separated by dots).");
	}
	let header: ProtectedHeaderParameters;
	try {
		header = decodeProtectedHeader(text);
	} catch (error) {
		throw invalid("the JWS header is not base64url-encoded JSON.", error);
	}
	const alg = header.alg;
	if (typeof alg !== "string" || !ALGORITHMS.includes(alg)) {
		throw invalid(`the JWS algorithm '${String(alg)}' is not one of ${ALGORITHMS.join(", ")}.`);
	}
	const x5c = header.x5c;
	if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === "string")) {
		throw invalid("the JWS header has no 'x5c' certificate chain.");
	}
	const chain = x5c.map((der, index) => parseCertificate(der, `x5c[${index}]`));
	const roots = options.rootCertificates.map((pem, index) => parseCertificate(pem, `root certificate ${index + 1}`));
	if (roots.length === 0) throw invalid("no root certificate to check the blob against.");

	let payloadBytes: Uint8Array;
	try {
		const leafPem = `-----BEGIN CERTIFICATE-----\n${x5c[0]}\n-----END CERTIFICATE-----`;
		const key = await importX509(leafPem, alg);
		payloadBytes = (await compactVerify(text, key, { algorithms: [alg] })).payload;
	} catch (error) {
		throw invalid(`the JWS signature does not verify with the key of x5c[0] ('${nameOf(chain[0] as X509Certificate)}').`, error);
	}
	await checkChain(chain, roots, now);

	let payload: unknown;
	try {
		payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payloadBytes));
	} catch (error) {
		throw invalid("the JWS payload is not JSON.", error);
	}
	const checked = checkPayload(payload);
	const nextUpdate = new Date(`${checked.nextUpdate}T00:00:00Z`);
	if (now.getTime() > nextUpdate.getTime()) {
		throw new PasskeyError("mds_blob_expired", {
			detail: `blob no ${checked.no} was due to be replaced on ${checked.nextUpdate} (nextUpdate); download a fresh one from https://mds3.fidoalliance.org/.`,
		});
	}
	return { no: checked.no, nextUpdate, legalHeader: checked.legalHeader, entries: checked.entries };
}
