import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { issueApiKey } from "../domain/api-keys.ts";
import type { ApiKeyKind, ApiKeyRecord, ApiKeyScope, App } from "../store/store.ts";
import { recordEvent } from "./record-event.ts";

/** A key as an operator sees it: never the key or its hash. */
export interface ApiKeySummary {
	id: string;
	kind: ApiKeyKind;
	scopes: ApiKeyScope[];
	locked: boolean;
	createdAt: string;
}

const DEFAULT_SCOPES: Record<ApiKeyKind, ApiKeyScope[]> = { public: ["register", "login"], secret: ["token_register", "token_verify"] };

async function findApp(appId: string, deps: Pick<Deps, "store">): Promise<App> {
	const app = await deps.store.apps.findById(appId);
	if (!app) throw new PasskeyError("app_not_found", { detail: `There is no app '${appId}'.` });
	return app;
}

const summarize = (k: ApiKeyRecord): ApiKeySummary => ({
	id: k.id,
	kind: k.kind,
	scopes: k.scopes,
	locked: k.locked,
	createdAt: k.createdAt.toISOString(),
});

/**
 * Lists an app's keys (ids, kinds, scopes, locked), never the keys themselves.
 * @throws app_not_found
 */
export async function listApiKeys(appId: string, deps: Pick<Deps, "store">): Promise<ApiKeySummary[]> {
	await findApp(appId, deps);
	return (await deps.store.apiKeys.listAll(appId)).map(summarize);
}

/**
 * Rotates an app's public or secret key: issues a new key with the scopes the old ones had and, unless `keepOld`,
 * deletes the old keys of that kind (keep them to roll the new key out first, then lock or rotate again).
 * Logged as AdminApiKeyCreated / AdminApiKeyDeleted.
 * @returns the new key (shown once) and the ids of the keys removed
 * @throws app_not_found
 */
export async function rotateApiKey(
	input: { appId: string; kind: ApiKeyKind; keepOld: boolean },
	deps: Pick<Deps, "store" | "clock" | "random">,
): Promise<{ key: string; id: string; removed: string[] }> {
	const app = await findApp(input.appId, deps);
	const old = (await deps.store.apiKeys.listAll(app.id)).filter((k) => k.kind === input.kind);
	const scopes = old.length > 0 ? [...new Set(old.flatMap((k) => k.scopes))] : DEFAULT_SCOPES[input.kind];
	let issued = issueApiKey({ appId: app.id, kind: input.kind, scopes }, { random: deps.random, now: deps.clock.now() });
	while (old.some((k) => k.id === issued.record.id)) {
		issued = issueApiKey({ appId: app.id, kind: input.kind, scopes }, { random: deps.random, now: deps.clock.now() });
	}
	await deps.store.apiKeys.add(issued.record);
	const event = { subject: app.id, performedBy: "cli", severity: "Warning" as const };
	await recordEvent(
		app,
		{ ...event, eventType: "AdminApiKeyCreated", message: `Created ${input.kind} key '${issued.record.id}'.`, apiKeyId: issued.record.id },
		deps,
	);
	const removed: string[] = [];
	if (!input.keepOld) {
		for (const k of old) {
			if (await deps.store.apiKeys.delete(app.id, k.id)) removed.push(k.id);
			await recordEvent(
				app,
				{ ...event, eventType: "AdminApiKeyDeleted", message: `Deleted ${k.kind} key '${k.id}' (rotated).`, apiKeyId: k.id },
				deps,
			);
		}
	}
	return { key: issued.text, id: issued.record.id, removed };
}

/**
 * Locks or unlocks one key. A locked key answers exactly like an unknown one (401). Logged as AdminApiKeyLocked /
 * AdminApiKeyUnlocked.
 * @throws app_not_found, invalid_argument (no such key)
 */
export async function setApiKeyLock(
	input: { appId: string; keyId: string; locked: boolean },
	deps: Pick<Deps, "store" | "clock">,
): Promise<void> {
	const app = await findApp(input.appId, deps);
	if (!(await deps.store.apiKeys.setLocked(app.id, input.keyId, input.locked))) {
		throw new PasskeyError("invalid_argument", {
			detail: `App '${app.id}' has no key '${input.keyId}'; see 'latchkey app keys ${app.id}'.`,
		});
	}
	const eventType = input.locked ? "AdminApiKeyLocked" : "AdminApiKeyUnlocked";
	const message = `${input.locked ? "Locked" : "Unlocked"} key '${input.keyId}'.`;
	await recordEvent(app, { eventType, message, subject: app.id, apiKeyId: input.keyId, performedBy: "cli", severity: "Warning" }, deps);
}
