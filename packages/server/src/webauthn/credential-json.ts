/** A registration response as the browser's `toJSON()` (or the upstream JS client) sends it, after key canonicalisation. */
export interface RegistrationResponseBody {
	id: string;
	rawId: string;
	type: string;
	authenticatorAttachment?: string | null;
	clientExtensionResults?: Record<string, unknown> | null;
	extensions?: Record<string, unknown> | null;
	response: {
		attestationObject: string;
		clientDataJSON: string;
		transports?: string[] | null;
	};
}

/** An authentication response as the browser sends it. */
export interface AuthenticationResponseBody {
	id: string;
	rawId: string;
	type: string;
	authenticatorAttachment?: string | null;
	clientExtensionResults?: Record<string, unknown> | null;
	extensions?: Record<string, unknown> | null;
	response: {
		authenticatorData: string;
		clientDataJSON: string;
		signature: string;
		userHandle?: string | null;
	};
}
