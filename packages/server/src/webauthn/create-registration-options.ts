import type {
	AttestationConveyancePreference,
	AuthenticatorType,
	PublicKeyCredentialHint,
	UserVerificationRequirement,
} from "@latchkey/protocol";
import { toBase64Url, utf8 } from "../encoding.ts";
import { SUPPORTED_ALGORITHMS } from "./algorithms.ts";

/** What a register token says about the passkey to create. */
export interface RegistrationRequest {
	userId: string;
	username: string;
	displayName: string;
	attestation: AttestationConveyancePreference;
	authenticatorType: AuthenticatorType;
	discoverable: boolean;
	userVerification: UserVerificationRequirement;
	hints: PublicKeyCredentialHint[];
	/** The `prf` extension's evaluation inputs (base64url) from the token; null or absent: no PRF requested. */
	prf?: PrfEval | null;
}

/** The `prf` extension's evaluation inputs, base64url (WebAuthn L3 `AuthenticationExtensionsPRFValues` in JSON). */
export interface PrfEval {
	first: string;
	second?: string;
}

/** A credential to exclude: its id (base64url) and known transports. */
export interface ExcludedCredential {
	id: string;
	transports: string[];
}

/** `PublicKeyCredentialCreationOptionsJSON` as the wire API sends it. */
export interface RegistrationOptions {
	rp: { id: string; name: string };
	user: { name: string; id: string; displayName: string };
	challenge: string;
	pubKeyCredParams: { type: "public-key"; alg: number }[];
	timeout: number;
	attestation: string;
	attestationFormats: string[];
	authenticatorSelection: {
		residentKey: "required" | "discouraged";
		requireResidentKey: boolean;
		userVerification: string;
		authenticatorAttachment?: "platform" | "cross-platform";
	};
	hints: string[];
	excludeCredentials: { type: "public-key"; id: string; transports?: string[] }[];
	extensions: { credProps: true; prf?: { eval: PrfEval } };
}

const HINT_ATTACHMENT = { "security-key": "cross-platform", hybrid: "cross-platform", "client-device": "platform" } as const;

/**
 * Builds the creation options for `/register/begin` (reference §3.1): `rp.name` is the RP ID, `user.id` is the
 * UTF-8 of the userId, residentKey follows `discoverable`, the first hint overrides the attachment, and a token's
 * PRF inputs become `extensions.prf.eval` (WebAuthn L3 §10.1.4: evaluated at creation where the authenticator can).
 * @param request - the register token's contents
 * @param options - RP ID, the challenge bytes, the credentials to exclude and the timeout
 * @example createRegistrationOptions(request, { rpId: "example.com", challenge, exclude: [], timeoutMs: 60000 })
 */
export function createRegistrationOptions(
	request: RegistrationRequest,
	options: { rpId: string; challenge: Uint8Array; exclude: ExcludedCredential[]; timeoutMs: number },
): RegistrationOptions {
	const selection: RegistrationOptions["authenticatorSelection"] = {
		residentKey: request.discoverable ? "required" : "discouraged",
		requireResidentKey: request.discoverable,
		userVerification: request.userVerification,
	};
	const firstHint = request.hints[0];
	if (firstHint) selection.authenticatorAttachment = HINT_ATTACHMENT[firstHint];
	else if (request.authenticatorType !== "any") selection.authenticatorAttachment = request.authenticatorType;
	return {
		rp: { id: options.rpId, name: options.rpId },
		user: { name: request.username, id: toBase64Url(utf8(request.userId)), displayName: request.displayName },
		challenge: toBase64Url(options.challenge),
		pubKeyCredParams: SUPPORTED_ALGORITHMS.map((alg) => ({ type: "public-key", alg })),
		timeout: options.timeoutMs,
		attestation: request.attestation,
		attestationFormats: [],
		authenticatorSelection: selection,
		hints: request.hints,
		excludeCredentials: options.exclude.map((c) =>
			c.transports.length > 0 ? { type: "public-key", id: c.id, transports: c.transports } : { type: "public-key", id: c.id },
		),
		extensions: request.prf ? { credProps: true, prf: { eval: request.prf } } : { credProps: true },
	};
}
