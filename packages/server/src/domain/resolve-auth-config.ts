import type { AuthConfig, Store } from "../store/store.ts";

/** The purposes every app has, whether or not they were saved (upstream presets). */
export const PRESET_PURPOSES = ["sign-in", "step-up"] as const;

/**
 * The preset configuration for a purpose: UV preferred, 120 s, no hints, created by "System".
 * @param appId - the app
 * @param purpose - "sign-in" or "step-up"
 */
export function presetAuthConfig(appId: string, purpose: string): AuthConfig {
	return {
		appId,
		purpose,
		userVerification: "preferred",
		timeToLiveSeconds: 120,
		hints: [],
		createdBy: "System",
		createdOn: null,
		editedBy: null,
		editedOn: null,
		lastUsedOn: null,
	};
}

/** Tells whether a purpose is one of the presets. */
export function isPresetPurpose(purpose: string): boolean {
	return (PRESET_PURPOSES as readonly string[]).includes(purpose);
}

/**
 * The configuration a sign-in for `purpose` uses: the saved one, else the preset, else (unknown purpose) the
 * `sign-in` configuration, as upstream falls back silently.
 * @param input - the app and the purpose asked for (absent = "sign-in")
 * @param store - where saved configurations live
 */
export async function resolveAuthConfig(input: { appId: string; purpose: string | null }, store: Store): Promise<AuthConfig> {
	const purpose = input.purpose || "sign-in";
	const saved = await store.authConfigs.find(input.appId, purpose);
	if (saved) return saved;
	if (isPresetPurpose(purpose)) return presetAuthConfig(input.appId, purpose);
	return (await store.authConfigs.find(input.appId, "sign-in")) ?? presetAuthConfig(input.appId, "sign-in");
}
