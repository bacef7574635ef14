import type { PublicKeyCredentialHint, UserVerificationRequirement } from "@latchkey/protocol";

/**
 * A sign-in purpose's settings, from `listAuthConfigs`. The wire form's `hints` string (`"SecurityKey, ClientDevice"`)
 * is split into WebAuthn hints, and the timestamps are `Date`s.
 * @example
 * const [stepUp] = await latchkey.listAuthConfigs("step-up");
 * console.log(stepUp?.timeToLive); // 120
 */
export interface AuthConfig {
	/** `sign-in`, `step-up` or your own. */
	purpose: string;
	userVerificationRequirement: UserVerificationRequirement;
	/** Lifetime of the verify tokens of this purpose, in seconds. */
	timeToLive: number;
	hints: PublicKeyCredentialHint[];
	createdBy: string | null;
	createdOn: Date | null;
	editedBy: string | null;
	editedOn: Date | null;
	lastUsedOn: Date | null;
}
