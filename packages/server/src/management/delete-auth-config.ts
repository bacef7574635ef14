import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { isPresetPurpose } from "../domain/resolve-auth-config.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import type { App } from "../store/store.ts";

/**
 * `POST /auth-configs/delete`: removes a purpose's authentication configuration; the presets cannot be removed.
 * @param input - the app, the purpose and who asked (written into the event)
 * @param deps - the store
 * @returns the event to record
 * @throws auth_config_protected for `sign-in` and `step-up`, auth_config_not_found
 * @example
 * const event = await deleteAuthConfig({ app, purpose: "pay", performedBy: "ops@example.com" }, deps);
 */
export async function deleteAuthConfig(
	input: { app: App; purpose: string; performedBy: string },
	deps: Pick<Deps, "store">,
): Promise<RouteEvent> {
	const { app, purpose, performedBy } = input;
	if (isPresetPurpose(purpose)) throw new PasskeyError("auth_config_protected", { detail: `'${purpose}' is a preset.` });
	if (!(await deps.store.authConfigs.delete(app.id, purpose))) {
		throw new PasskeyError("auth_config_not_found", { detail: `There is no configuration for the purpose '${purpose}'.` });
	}
	return { eventType: "ApiAuthenticationConfigurationDeleted", purpose, performedBy };
}
