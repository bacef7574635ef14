import type { Deps } from "../deps.ts";
import { describeRouteEvent, type RouteEvent } from "../domain/route-event.ts";
import type { App } from "../store/store.ts";
import { recordEvent } from "./record-event.ts";

/**
 * Writes a route's event to the app's audit log, attributed to the key that authenticated the request.
 * @param tenant - the app and key id (`request.tenant`)
 * @param event - what happened
 * @param deps - store and clock
 */
export function recordRouteEvent(
	tenant: { app: App; keyId: string },
	event: RouteEvent,
	deps: Pick<Deps, "store" | "clock">,
): Promise<void> {
	return recordEvent(tenant.app, { ...describeRouteEvent(event), apiKeyId: tenant.keyId }, deps);
}
