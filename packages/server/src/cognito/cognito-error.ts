import { isPasskeyError } from "@latchkey/protocol";

/** An error the AWS SDK parses: `{"__type": type, "message": message}` with this HTTP status. */
export class CognitoError extends Error {
	readonly type: string;
	readonly status: number;
	constructor(type: string, message: string, options?: { status?: number; cause?: unknown }) {
		super(message, { cause: options?.cause });
		this.name = "CognitoError";
		this.type = type;
		this.status = options?.status ?? 400;
	}
}

const SESSION = "Invalid session for the user, session is expired.";

/** Catalog code → Cognito's exception name and, where Cognito's own text is fixed, its message. */
const BY_CODE: Record<string, { type: string; message?: string; status?: number }> = {
	missing_token: { type: "NotAuthorizedException", message: SESSION },
	invalid_token: { type: "NotAuthorizedException", message: SESSION },
	invalid_token_format: { type: "NotAuthorizedException", message: SESSION },
	expired_token: { type: "NotAuthorizedException", message: SESSION },
	wrong_ceremony_type: { type: "NotAuthorizedException", message: SESSION },
	challenge_mismatch: { type: "WebAuthnChallengeNotFoundException" },
	origin_not_allowed: { type: "WebAuthnOriginNotAllowedException" },
	rp_id_hash_mismatch: { type: "WebAuthnRelyingPartyMismatchException" },
	rp_id_not_allowed: { type: "WebAuthnRelyingPartyMismatchException" },
	unsupported_algorithm: { type: "WebAuthnCredentialNotSupportedException" },
	invalid_attestation: { type: "WebAuthnCredentialNotSupportedException" },
	unknown_credential: { type: "NotAuthorizedException", message: "Incorrect passkey." },
	credential_not_allowed: { type: "NotAuthorizedException", message: "Incorrect passkey." },
	user_handle_mismatch: { type: "NotAuthorizedException", message: "Incorrect passkey." },
	invalid_signature: { type: "NotAuthorizedException", message: "Incorrect passkey." },
	counter_regression: { type: "NotAuthorizedException", message: "Incorrect passkey." },
	user_presence_required: { type: "NotAuthorizedException" },
	user_verification_required: { type: "NotAuthorizedException" },
	credential_already_registered: { type: "InvalidParameterException", message: "This passkey is already registered." },
	credential_not_found: { type: "ResourceNotFoundException", message: "Credential not found." },
	rate_limited: { type: "TooManyRequestsException" },
	service_unavailable: { type: "InternalErrorException", status: 500 },
	internal_error: { type: "InternalErrorException", status: 500 },
};

/**
 * Any error as the Cognito exception the AWS SDK expects: a CognitoError as it is, a catalog error by its code
 * (a 4xx without a Cognito counterpart is an InvalidParameterException), anything else InternalErrorException.
 * @example toCognitoError(new PasskeyError("challenge_mismatch")).type // "WebAuthnChallengeNotFoundException"
 */
export function toCognitoError(error: unknown): CognitoError {
	if (error instanceof CognitoError) return error;
	if (isPasskeyError(error)) {
		const mapped = BY_CODE[error.code];
		if (mapped)
			return new CognitoError(mapped.type, mapped.message ?? error.detail ?? error.title, { status: mapped.status ?? 400, cause: error });
		if (error.status < 500) return new CognitoError("InvalidParameterException", error.detail ?? error.title, { cause: error });
	}
	const status = (error as { statusCode?: number }).statusCode;
	if (typeof status === "number" && status >= 400 && status < 500) {
		const message = error instanceof Error ? error.message : "Bad request.";
		return new CognitoError(status === 413 ? "InvalidParameterException" : "SerializationException", message);
	}
	return new CognitoError("InternalErrorException", "Internal error.", { status: 500, cause: error });
}
