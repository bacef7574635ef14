import { existsSync, readFileSync } from "node:fs";
import { PasskeyError } from "@latchkey/protocol";
import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import { PACKAGE_ROOT } from "../package-root.ts";
import { isCertified, isCompromised, latestStatus, type MetadataLookup } from "./metadata-status.ts";

/** What a verified registration's attestation proves, stored with the credential. */
export interface AttestationTrust {
	/** The statement format (`none`, `packed`, `tpm`, …). */
	fmt: string;
	/** The statement's certificate chain reached a trust anchor at the time of verification. */
	trusted: boolean;
	/** Why, in one sentence: the anchor reached, or what stopped the chain. */
	reason: string;
	/** The FIDO metadata's view of the authenticator, when an entry was found. */
	metadata?: { description?: string; status?: string; certified: boolean; compromised: boolean };
}

/** Where trust anchors come from, and the metadata to consult. */
export interface TrustSources {
	/** PEM roots tried for every format (the library's `attestation.trustAnchors`). */
	trustAnchors?: readonly string[];
	/** FIDO metadata: its entries' `attestationRootCertificates` are anchors, its status reports are read. */
	metadata?: MetadataLookup | null;
	/** Also try the roots shipped for `apple`, `android-key` and `tpm` (data/attestation-roots). @default true */
	shippedRoots?: boolean;
}

interface Anchor {
	pem: string;
	from: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const shipped = new Map<string, readonly Anchor[]>();

/**
 * The roots shipped with the package for a format whose vendor publishes one root for all its devices: Apple's
 * WebAuthn root (`apple`), Google's hardware attestation roots (`android-key`), Microsoft's TPM roots (`tpm`). Security
 * keys (`packed`, `fido-u2f`) have a root per vendor, found in the FIDO metadata instead.
 */
export function shippedRootsFor(fmt: string): readonly Anchor[] {
	let anchors = shipped.get(fmt);
	if (!anchors) {
		const file = new URL(`data/attestation-roots/${fmt}.pem`, PACKAGE_ROOT);
		const text = /^[a-z0-9-]+$/.test(fmt) && existsSync(file) ? readFileSync(file, "utf8") : "";
		anchors = (text.match(PEM_BLOCK) ?? []).map((pem) => ({ pem, from: `the shipped ${fmt} root` }));
		shipped.set(fmt, anchors);
	}
	return anchors;
}

/** DER (base64, as the metadata carries it) to PEM. */
function derToPem(base64: string): string {
	const body = base64.replace(/\s+/g, "").replace(/(.{64})/g, "$1\n");
	return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
}

/** Loaded on the first attested registration only (as the attestation verifiers themselves are). */
function loadX509(): Promise<typeof import("@peculiar/x509")> {
	return import("@peculiar/x509");
}

type X509 = InstanceType<typeof import("@peculiar/x509")["X509Certificate"]>;

function describe(cert: X509): string {
	return cert.subject || cert.serialNumber;
}

function sameCertificate(a: X509, b: X509): boolean {
	const x = new Uint8Array(a.rawData);
	const y = new Uint8Array(b.rawData);
	return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Checks that `x5c` (leaf first) chains to one of `anchors` at `now`: every certificate inside its validity window,
 * each signed by the next, every issuer a CA, the last signed by an anchor that is itself valid at `now`. A leaf
 * that is itself one of the anchors proves nothing (a self-signed certificate vouching for itself); a chain that
 * ends with a copy of its anchor is read without the copy. No network: revocation comes from the metadata's status
 * reports, not from CRLs.
 * @returns the anchor reached, or why no anchor was reached
 */
export async function checkChain(
	x5c: readonly Uint8Array[],
	anchors: readonly Anchor[],
	now: Date,
): Promise<{ anchor: string; from: string } | { failure: string }> {
	const x509 = await loadX509();
	let chain: X509[];
	let roots: { cert: X509; from: string }[];
	try {
		chain = x5c.map((der) => new x509.X509Certificate(new Uint8Array(der)));
	} catch {
		return { failure: "a certificate in x5c cannot be parsed" };
	}
	try {
		roots = anchors.map((anchor) => ({ cert: new x509.X509Certificate(anchor.pem), from: anchor.from }));
	} catch {
		return { failure: "a trust anchor cannot be parsed" };
	}
	const [leaf] = chain;
	if (!leaf) return { failure: "x5c is empty" };
	if (roots.some((root) => sameCertificate(root.cert, leaf))) {
		return { failure: "the attestation certificate is itself given as a trust anchor; a self-signed certificate cannot vouch for itself" };
	}
	while (chain.length > 1 && roots.some((root) => sameCertificate(root.cert, chain[chain.length - 1] as X509))) chain = chain.slice(0, -1);
	for (const cert of chain) {
		if (cert.notBefore > now || cert.notAfter < now) {
			return {
				failure: `certificate '${describe(cert)}' is not valid at ${now.toISOString()} (valid ${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()})`,
			};
		}
	}
	for (let i = 0; i + 1 < chain.length; i++) {
		const cert = chain[i] as X509;
		const issuer = chain[i + 1] as X509;
		const constraints = issuer.getExtension(x509.BasicConstraintsExtension);
		if (!constraints?.ca) return { failure: `intermediate certificate '${describe(issuer)}' is not a CA` };
		if (!(await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }).catch(() => false))) {
			return { failure: `certificate '${describe(cert)}' is not signed by '${describe(issuer)}'` };
		}
	}
	const last = chain[chain.length - 1] as X509;
	let expired: string | null = null;
	for (const root of roots) {
		if (root.cert.subject !== last.issuer) continue;
		if (!(await last.verify({ publicKey: root.cert.publicKey, signatureOnly: true }).catch(() => false))) continue;
		if (root.cert.notBefore > now || root.cert.notAfter < now) {
			expired = `trust anchor '${describe(root.cert)}' is not valid at ${now.toISOString()}`;
			continue;
		}
		return { anchor: describe(root.cert), from: root.from };
	}
	return { failure: expired ?? `the chain ends at '${last.issuer}', which is not a trust anchor` };
}

/** The U2F key identifier of a certificate: hex SHA-1 of its subjectPublicKey (MDS3 attestationCertificateKeyIdentifiers). */
async function keyIdentifierOf(der: Uint8Array): Promise<string | null> {
	const x509 = await loadX509();
	try {
		const id = await new x509.X509Certificate(new Uint8Array(der)).publicKey.getKeyIdentifier();
		return Array.from(new Uint8Array(id), (byte) => byte.toString(16).padStart(2, "0")).join("");
	} catch {
		return null;
	}
}

function metadataView(entry: MetadataBLOBPayloadEntry): NonNullable<AttestationTrust["metadata"]> {
	const view: NonNullable<AttestationTrust["metadata"]> = { certified: isCertified(entry), compromised: isCompromised(entry) };
	const description = entry.metadataStatement?.description;
	if (description) view.description = description;
	const status = latestStatus(entry)?.status;
	if (status) view.status = status;
	return view;
}

/**
 * Decides what a verified attestation statement proves: whether its certificates chain to a trust anchor at `now`,
 * and what the FIDO metadata says of the authenticator. It never throws for an untrusted chain: the caller's mode
 * (`enforceAttestationMode`) decides whether that refuses the registration.
 * @param input - the format, the statement's x5c (absent for self and none attestation), the AAGUID and the time
 * @param sources - trust anchors and metadata
 * @example await evaluateAttestation({ fmt: "apple", x5c, aaguid, now }, { metadata: null })
 */
export async function evaluateAttestation(
	input: { fmt: string; x5c: readonly Uint8Array[] | undefined; aaguid: string; now: Date },
	sources: TrustSources,
): Promise<AttestationTrust> {
	const { fmt, x5c, aaguid, now } = input;
	let entry = sources.metadata?.entryForAaguid(aaguid);
	if (!entry && fmt === "fido-u2f" && x5c?.[0] && sources.metadata) {
		const keyId = await keyIdentifierOf(x5c[0]);
		if (keyId) entry = sources.metadata.entryForKeyIdentifier(keyId);
	}
	const result = (trusted: boolean, reason: string): AttestationTrust => {
		const trust: AttestationTrust = { fmt, trusted, reason };
		if (entry) trust.metadata = metadataView(entry);
		return trust;
	};
	if (fmt === "none") return result(false, "no attestation: the statement format is 'none'");
	if (!x5c || x5c.length === 0) return result(false, "self attestation: the statement is signed by the credential's own key");
	const anchors: Anchor[] = [
		...(entry?.metadataStatement?.attestationRootCertificates ?? []).map((der) => ({ pem: derToPem(der), from: "the FIDO metadata" })),
		...(sources.trustAnchors ?? []).map((pem) => ({ pem, from: "the given trust anchors" })),
		...(sources.shippedRoots === false ? [] : shippedRootsFor(fmt)),
	];
	if (anchors.length === 0) {
		return result(false, `no trust anchor is known for this authenticator (AAGUID ${aaguid}); import the FIDO metadata`);
	}
	const checked = await checkChain(x5c, anchors, now);
	if ("failure" in checked) return result(false, checked.failure);
	return result(true, `chains to '${checked.anchor}' from ${checked.from}`);
}

/**
 * How an app (or a library caller) treats attestation: `permissive` records what the statement proves and lets every
 * verified registration through; `strict` lets only a trusted chain through, and, when FIDO metadata is consulted,
 * only a known, certified, uncompromised authenticator.
 */
export type AttestationMode = "permissive" | "strict";

/**
 * Refuses a registration that `strict` mode does not accept; `permissive` accepts all.
 * @param trust - what evaluateAttestation found
 * @param policy - the mode, and whether metadata was consulted (`false` when none is available: strict then refuses)
 * @throws attestation_not_trusted, authenticator_not_certified, authenticator_revoked
 */
export function enforceAttestationMode(
	trust: AttestationTrust,
	policy: { mode: AttestationMode; metadata: "consulted" | "none" | "missing" },
): void {
	if (policy.mode !== "strict") return;
	if (trust.metadata?.compromised) {
		throw new PasskeyError("authenticator_revoked", {
			detail: `The FIDO metadata reports '${trust.metadata.status ?? "REVOKED"}' for this authenticator.`,
		});
	}
	if (policy.metadata === "missing") {
		throw new PasskeyError("authenticator_not_certified", {
			detail: "Strict attestation needs FIDO metadata and none is imported (latchkey mds import <blob.jwt>).",
		});
	}
	if (!trust.trusted) throw new PasskeyError("attestation_not_trusted", { detail: `The attestation is not trusted: ${trust.reason}.` });
	if (policy.metadata === "consulted") {
		if (!trust.metadata)
			throw new PasskeyError("authenticator_not_certified", { detail: "The authenticator is not in the FIDO metadata." });
		if (!trust.metadata.certified) {
			throw new PasskeyError("authenticator_not_certified", {
				detail: `The FIDO metadata lists no certification for this authenticator (latest status: ${trust.metadata.status ?? "none"}).`,
			});
		}
	}
}
