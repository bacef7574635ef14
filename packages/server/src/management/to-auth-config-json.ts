import type { AuthConfig } from "../store/store.ts";

const HINT_NAMES = { "security-key": "SecurityKey", "client-device": "ClientDevice", hybrid: "Hybrid" } as const;

/** An authentication configuration as `/auth-configs/list` writes it (reference §4.10). */
export interface AuthConfigJson {
	purpose: string;
	userVerificationRequirement: string;
	/** Whole seconds. */
	timeToLive: number;
	/** C#-style names joined with ", " (upstream's format), e.g. "SecurityKey, ClientDevice". */
	hints: string;
	createdBy: string;
	createdOn: string | null;
	editedBy: string | null;
	editedOn: string | null;
	lastUsedOn: string | null;
}

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
