import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import type { App, AuthenticatorListEntry } from "../store/store.ts";

const AAGUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** At most this many AAGUIDs on an app's lists together (they live in the app's settings, read on every registration). */
export const MAX_LISTED_AUTHENTICATORS = 1000;

function checkedAaguids(aaguids: readonly string[]): string[] {
	const checked: string[] = [];
	for (const raw of aaguids) {
		const aaguid = raw.trim().toLowerCase();
		if (!AAGUID.test(aaguid)) {
			throw new PasskeyError("invalid_argument", { detail: `'${raw.slice(0, 60)}' is not an AAGUID (8-4-4-4-12 hexadecimal digits).` });
		}
		if (!checked.includes(aaguid)) checked.push(aaguid);
	}
	return checked;
}

/**
 * `GET /authenticators/list`: the app's allow list (`isAllowed` true) or deny list, oldest first.
 * @example listAuthenticators(app, true) // [{ aaGuid: "cb69481e-…", createdAt: "2026-12-04T…" }]
 */
export function listAuthenticators(app: App, isAllowed: boolean): { aaGuid: string; createdAt: string }[] {
	return (app.settings.authenticators ?? [])
		.filter((e) => e.isAllowed === isAllowed)
		.map((e) => ({ aaGuid: e.aaguid, createdAt: e.createdAt }));
}

/**
 * `POST /authenticators/add`: puts AAGUIDs on the allow or deny list; one already on the other list moves (upstream).
 * @param input - the app, the AAGUIDs and which list
 * @param deps - the store and the clock
 * @throws invalid_argument for a malformed AAGUID or a list over MAX_LISTED_AUTHENTICATORS
 */
export async function addAuthenticators(
	input: { app: App; aaguids: readonly string[]; isAllowed: boolean },
	deps: Pick<Deps, "store" | "clock">,
): Promise<void> {
	const aaguids = checkedAaguids(input.aaguids);
	const createdAt = deps.clock.now().toISOString();
	const entries: AuthenticatorListEntry[] = (input.app.settings.authenticators ?? []).map((e) =>
		aaguids.includes(e.aaguid) && e.isAllowed !== input.isAllowed ? { ...e, isAllowed: input.isAllowed, createdAt } : e,
	);
	for (const aaguid of aaguids) {
		if (!entries.some((e) => e.aaguid === aaguid)) entries.push({ aaguid, isAllowed: input.isAllowed, createdAt });
	}
	if (entries.length > MAX_LISTED_AUTHENTICATORS) {
		throw new PasskeyError("invalid_argument", { detail: `An app lists at most ${MAX_LISTED_AUTHENTICATORS} authenticators.` });
	}
	await deps.store.apps.updateSettings(input.app.id, { ...input.app.settings, authenticators: entries });
}

/**
 * `POST /authenticators/remove`: takes AAGUIDs off whichever list holds them; unknown ones are ignored.
 * @throws invalid_argument for a malformed AAGUID
 */
export async function removeAuthenticators(input: { app: App; aaguids: readonly string[] }, deps: Pick<Deps, "store">): Promise<void> {
	const aaguids = checkedAaguids(input.aaguids);
	const entries = (input.app.settings.authenticators ?? []).filter((e) => !aaguids.includes(e.aaguid));
	await deps.store.apps.updateSettings(input.app.id, { ...input.app.settings, authenticators: entries });
}
