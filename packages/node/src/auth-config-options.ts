import type { PublicKeyCredentialHint, UserVerificationRequirement } from "@latchkey/protocol";

/**
 * What `addAuthConfig` and `updateAuthConfig` send.
 * @example
 * const config: AuthConfigOptions = { purpose: "delete-account", userVerificationRequirement: "required", timeToLive: 60, performedBy: "admin@example.com" };
 */
export interface AuthConfigOptions {
	/** Letters, digits, `-` and `_`, ≤ 255 characters. */
	purpose: string;
	/** @default "preferred" */
	userVerificationRequirement?: UserVerificationRequirement;
	/** Seconds; sent as a `TimeSpan` string (`"00:02:00"`) as upstream reads it. @default 120 */
	timeToLive?: number;
	hints?: PublicKeyCredentialHint[];
	/** Who made the change, for the event log. */
	performedBy: string;
}

/**
 * What `deleteAuthConfig` sends.
 * @example
 * await latchkey.deleteAuthConfig({ purpose: "delete-account", performedBy: "admin@example.com" });
 */
export interface DeleteAuthConfigOptions {
	purpose: string;
	performedBy: string;
}
