import type { AuthConfigJson } from "@latchkey/protocol";
import type { AuthConfig } from "../store/store.ts";

const HINT_NAMES = { "security-key": "SecurityKey", "client-device": "ClientDevice", hybrid: "Hybrid" } as const;

/**
 * Shapes a configuration for the wire: TTL in seconds, hints as upstream's joined string, ISO-8601 UTC dates.
 * @param config - the configuration
 */
export function toAuthConfigJson(config: AuthConfig): AuthConfigJson {
	return {
		purpose: config.purpose,
		userVerificationRequirement: config.userVerification,
		timeToLive: config.timeToLiveSeconds,
		hints: config.hints.map((h) => HINT_NAMES[h]).join(", "),
		createdBy: config.createdBy,
		createdOn: config.createdOn?.toISOString() ?? null,
		editedBy: config.editedBy,
		editedOn: config.editedOn?.toISOString() ?? null,
		lastUsedOn: config.lastUsedOn?.toISOString() ?? null,
	};
}
