import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { parseHints } from "../domain/parse-hints.ts";
import { isPresetPurpose, presetAuthConfig } from "../domain/resolve-auth-config.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import type { App, AuthConfig } from "../store/store.ts";
import type { AuthConfigBody } from "../wire/management-schemas.ts";
import { parseTimeSpan } from "./parse-time-span.ts";

const UV = ["preferred", "required", "discouraged"] as const;
const MAX_TTL_SECONDS = 604800;

function parseBody(body: AuthConfigBody, base: AuthConfig): AuthConfig {
	const uvText = body.userVerificationRequirement;
	const userVerification = uvText ? UV.find((u) => u === uvText.toLowerCase()) : base.userVerification;
	if (!userVerification)
		throw new PasskeyError("invalid_argument", { detail: `userVerificationRequirement must be one of ${UV.join(", ")}.` });
	let timeToLiveSeconds = base.timeToLiveSeconds;
	if (body.timeToLive !== undefined && body.timeToLive !== null) {
		const parsed = parseTimeSpan(body.timeToLive);
		if (parsed === null || parsed < 1 || parsed > MAX_TTL_SECONDS) {
			throw new PasskeyError("invalid_argument", {
				detail: `timeToLive must be a TimeSpan such as "00:02:00" (or seconds), from 1 s to 7 days.`,
			});
		}
		timeToLiveSeconds = parsed;
	}
	const hints = body.hints ? parseHints(body.hints) : base.hints;
	return { ...base, userVerification, timeToLiveSeconds, hints };
}

/**
 * `POST /auth-configs/add` (mode "create") and `POST /auth-configs` (mode "update"). The presets `sign-in` and
 * `step-up` exist without a row, so updating them saves their first row.
 * @param input - the app, the body and the mode
 * @param deps - store and clock
 * @returns the saved configuration and the event to record
 * @throws invalid_argument, auth_config_already_exists, auth_config_not_found
 */
export async function saveAuthConfig(
	input: { app: App; body: AuthConfigBody; mode: "create" | "update" },
	deps: Pick<Deps, "store" | "clock">,
): Promise<{ saved: AuthConfig; event: RouteEvent }> {
	const { app, body } = input;
	const now = deps.clock.now();
	const existing = await deps.store.authConfigs.find(app.id, body.purpose);
	if (input.mode === "create") {
		if (existing || isPresetPurpose(body.purpose)) {
			throw new PasskeyError("auth_config_already_exists", { detail: `The purpose '${body.purpose}' already exists.` });
		}
		const created = parseBody(body, {
			...presetAuthConfig(app.id, body.purpose),
			createdBy: body.performedBy,
			createdOn: now,
		});
		await deps.store.authConfigs.create(created);
		const event = { eventType: "ApiAuthenticationConfigurationCreated", purpose: created.purpose, performedBy: body.performedBy } as const;
		return { saved: created, event };
	}
	const base = existing ?? (isPresetPurpose(body.purpose) ? presetAuthConfig(app.id, body.purpose) : null);
	if (!base) throw new PasskeyError("auth_config_not_found", { detail: `There is no configuration for the purpose '${body.purpose}'.` });
	const updated = { ...parseBody(body, base), editedBy: body.performedBy, editedOn: now };
	await deps.store.authConfigs.save(updated);
	const event = { eventType: "ApiAuthenticationConfigurationUpdated", purpose: updated.purpose, performedBy: body.performedBy } as const;
	return { saved: updated, event };
}
