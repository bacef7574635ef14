/**
 * The error-code catalog: the only place error codes are defined.
 *
 * Codes marked `upstream: true` are the ones Passwordless.dev itself emits (reference §6.3); the rest are
 * Latchkey's own, where upstream answered with `errorCode: null` or with one catch-all code. Once shipped, a code
 * is never renamed or reused. `title` is fixed per code; the varying, human part goes in `detail`.
 */
export const ERROR_CODES = {
	// Request shape
	invalid_request: { status: 400, title: "One or more validation errors occurred.", upstream: false },
	invalid_json: { status: 400, title: "The request body is not valid JSON.", upstream: false },
	unsupported_media_type: { status: 415, title: "The request body must be application/json.", upstream: false },
	payload_too_large: { status: 413, title: "The request body is too large.", upstream: false },
	not_found: { status: 404, title: "There is no such route.", upstream: false },
	missing_origin: { status: 400, title: "Origin is required.", upstream: false },

	// Keys and scopes
	invalid_api_key: { status: 401, title: "A valid 'ApiKey' header is required.", upstream: false },
	invalid_api_secret: { status: 401, title: "A valid 'ApiSecret' header is required.", upstream: false },
	forbidden: { status: 403, title: "You are forbidden from accessing this resource.", upstream: false },

	// Tokens and sessions
	missing_token: { status: 400, title: "The token is missing.", upstream: true },
	invalid_token: { status: 400, title: "The token is not valid.", upstream: true },
	invalid_token_format: { status: 400, title: "The token is not in a format we recognize.", upstream: true },
	expired_token: { status: 403, title: "The token has expired.", upstream: true },
	missing_userid: { status: 400, title: "A userId is required.", upstream: true },

	// Register token options
	invalid_argument: { status: 400, title: "An argument is not valid.", upstream: true },
	invalid_attestation: { status: 400, title: "The attestation preference is not valid.", upstream: true },
	attestation_not_supported_on_plan: {
		status: 400,
		title: "Attestation other than 'none' is not enabled for this application.",
		upstream: true,
	},
	alias_conflict: { status: 409, title: "An alias is already in use by another user.", upstream: true },

	// Ceremony checks (shared by registration and sign-in)
	malformed_response: { status: 400, title: "The authenticator response could not be decoded.", upstream: false },
	wrong_ceremony_type: { status: 400, title: "The client data type does not match this ceremony.", upstream: false },
	challenge_mismatch: { status: 400, title: "The challenge does not match this session.", upstream: false },
	origin_mismatch: {
		status: 400,
		title: "The origin in the client data does not match the request's Origin.",
		upstream: false,
	},
	origin_not_allowed: { status: 400, title: "The origin is not allowed for this application.", upstream: false },
	top_origin_not_allowed: {
		status: 400,
		title: "The page embedding this ceremony in an iframe is not allowed for this application.",
		upstream: false,
	},
	rp_id_not_allowed: { status: 400, title: "The RP ID is not the one configured for this application.", upstream: false },
	rp_id_hash_mismatch: { status: 400, title: "The authenticator signed for a different RP ID.", upstream: false },
	user_presence_required: { status: 400, title: "The authenticator did not confirm user presence.", upstream: false },
	user_verification_required: { status: 400, title: "User verification is required but was not performed.", upstream: false },
	invalid_backup_flags: {
		status: 400,
		title: "The backup state flag is set on a credential that is not backup eligible.",
		upstream: false,
	},

	// Registration
	fido2_invalid_registration: { status: 400, title: "The registration could not be verified.", upstream: true },
	unsupported_algorithm: { status: 400, title: "The credential's public key algorithm is not supported.", upstream: false },
	credential_already_registered: { status: 409, title: "This credential is already registered.", upstream: false },
	attestation_format_not_supported: { status: 400, title: "This attestation statement format is not accepted.", upstream: false },
	attestation_not_trusted: {
		status: 400,
		title: "The authenticator's attestation does not chain to a trusted root.",
		upstream: false,
	},
	authenticator_not_certified: {
		status: 400,
		title: "The authenticator is not FIDO certified, or is not in the imported metadata.",
		upstream: false,
	},
	authenticator_revoked: {
		status: 400,
		title: "The authenticator's certification is revoked or its keys are reported compromised.",
		upstream: false,
	},
	authenticator_not_allowed: { status: 400, title: "This authenticator is not allowed for this application.", upstream: true },
	attestation_required: { status: 400, title: "This application requires attestation to identify the authenticator.", upstream: true },
	synced_passkey_not_allowed: { status: 400, title: "This application accepts device-bound passkeys only.", upstream: false },

	// Sign-in
	unknown_credential: { status: 400, title: "We don't recognize the passkey you sent us.", upstream: true },
	no_passkeys: { status: 400, title: "The user has no passkey to sign in with.", upstream: false },
	credential_not_allowed: { status: 400, title: "The passkey used is not one of the passkeys this sign-in allowed.", upstream: false },
	user_handle_mismatch: { status: 400, title: "The user handle does not match the passkey's owner.", upstream: false },
	counter_regression: {
		status: 400,
		title: "The authenticator's signature counter did not increase; the authenticator may be cloned.",
		upstream: false,
	},
	invalid_signature: { status: 400, title: "The assertion signature is not valid.", upstream: false },
	signin_complete_error: { status: 400, title: "The sign-in could not be verified.", upstream: true },
	generate_token_disabled: { status: 403, title: "The 'POST /signin/generate-token' endpoint is disabled", upstream: false },

	// Magic links
	magic_links_disabled: {
		status: 403,
		title: "You must enable Magic Links in settings in order to use this feature.",
		upstream: false,
	},
	magic_link_email_quota_exceeded: { status: 429, title: "Too many magic links were sent; try again later.", upstream: true },
	email_not_configured: { status: 503, title: "This server has no mail server configured to send e-mail with.", upstream: false },
	email_unavailable: { status: 503, title: "The mail server could not be reached; try again later.", upstream: false },
	email_delivery_failed: { status: 502, title: "The mail server refused the message.", upstream: false },

	// Management of credentials and authentication configurations
	credential_not_found: { status: 404, title: "The credential does not exist.", upstream: false },
	auth_config_already_exists: { status: 400, title: "An authentication configuration with this purpose already exists.", upstream: false },
	auth_config_not_found: { status: 404, title: "The authentication configuration does not exist.", upstream: false },
	auth_config_protected: { status: 400, title: "The sign-in and step-up configurations cannot be deleted.", upstream: false },

	// Apps
	app_not_found: { status: 404, title: "The application does not exist.", upstream: true },
	app_already_exists: { status: 409, title: "An application with this id already exists.", upstream: false },

	// FIDO metadata (`latchkey mds import`)
	mds_blob_invalid: {
		status: 400,
		title: "The FIDO metadata blob is not valid or is not signed by a trusted root.",
		upstream: false,
	},
	mds_blob_expired: { status: 400, title: "The FIDO metadata blob is past its nextUpdate date.", upstream: false },
	mds_blob_outdated: { status: 409, title: "The FIDO metadata blob is older than the one already imported.", upstream: false },

	// Server
	internal_error: { status: 500, title: "An error occurred while processing your request.", upstream: false },
	service_unavailable: { status: 503, title: "The service is temporarily unavailable.", upstream: false },
	rate_limited: { status: 429, title: "Too many requests; slow down and try again later.", upstream: false },
} as const satisfies Record<string, { status: number; title: string; upstream: boolean }>;

/** A stable, snake_case error code from {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Tells whether a string is one of the catalog's codes.
 * @param value - any string, such as a problem body's `errorCode`
 * @example isErrorCode("expired_token") // true
 */
export function isErrorCode(value: unknown): value is ErrorCode {
	return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}
