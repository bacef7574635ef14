import type { PublicKeyCredentialHint, UserVerificationRequirement } from "@latchkey/protocol";
import type { AuthConfig } from "./auth-config.ts";
import { parseOptionalApiDate } from "./parse-optional-api-date.ts";
import { parseTimeToLive } from "./parse-time-to-live.ts";

/** Upstream joins the C# enum names; Latchkey may send the WebAuthn strings. Both map to the WebAuthn strings. */
const HINTS = new Map<string, PublicKeyCredentialHint>([
	["securitykey", "security-key"],
	["security-key", "security-key"],
	["clientdevice", "client-device"],
	["client-device", "client-device"],
	["hybrid", "hybrid"],
]);

/**
 * Reads one configuration of `/auth-configs/list`: `hints` (a `"SecurityKey, ClientDevice"` string, or an array) becomes
 * WebAuthn hints, `timeToLive` seconds, the timestamps `Date`s.
 * @param item - one element of `configurations`
 * @returns the configuration
 * @throws {LatchkeyError} `invalid_response` when `timeToLive` or a timestamp cannot be read
 * @example
 * const configs = configurations.map(parseAuthConfig);
 */
export function parseAuthConfig(item: Record<string, unknown>): AuthConfig {
	const names = Array.isArray(item.hints) ? item.hints.map(String) : typeof item.hints === "string" ? item.hints.split(",") : [];
	const hints = names.map((name) => HINTS.get(name.trim().toLowerCase())).filter((hint) => hint !== undefined);
	const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
	return {
		purpose: String(item.purpose),
		userVerificationRequirement: String(item.userVerificationRequirement ?? "preferred").toLowerCase() as UserVerificationRequirement,
		timeToLive: parseTimeToLive(item.timeToLive),
		hints,
		createdBy: text(item.createdBy),
		createdOn: parseOptionalApiDate(item.createdOn, "createdOn"),
		editedBy: text(item.editedBy),
		editedOn: parseOptionalApiDate(item.editedOn, "editedOn"),
		lastUsedOn: parseOptionalApiDate(item.lastUsedOn, "lastUsedOn"),
	};
}
