import type { Deps } from "../deps.ts";
import type { EventInput } from "../domain/route-event.ts";
import type { App } from "../store/store.ts";

/**
 * Appends an entry to the app's audit log, unless the app keeps no log (retention 0).
 * @param app - the app the event belongs to
 * @param input - what happened
 * @param deps - store and clock
 */
export async function recordEvent(app: App, input: EventInput, deps: Pick<Deps, "store" | "clock">): Promise<void> {
	if (app.settings.eventRetentionDays <= 0) return;
	await deps.store.events.append({
		appId: app.id,
		performedAt: deps.clock.now(),
		eventType: input.eventType,
		severity: input.severity ?? "Informational",
		message: input.message.slice(0, 1000),
		performedBy: (input.performedBy ?? "Api").slice(0, 256),
		subject: input.subject.slice(0, 256),
		apiKeyId: input.apiKeyId,
	});
}
