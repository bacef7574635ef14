import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { matchApiKey } from "../domain/api-keys.ts";
import { recordEvent } from "../management/record-event.ts";
import type { ApiKeyKind, ApiKeyScope, App } from "../store/store.ts";

const KEY_SHAPE = /^([A-Za-z][A-Za-z0-9]{2,62}):(public|secret):[0-9a-f]{32}$/;

/** The header names, as upstream spells them in messages. */
const HEADER: Record<ApiKeyKind, "ApiKey" | "ApiSecret"> = { public: "ApiKey", secret: "ApiSecret" };

/** Builds the 401 with upstream's diagnostic sentence (reference §2.4), chosen in upstream's order. */
function unauthorized(kind: ApiKeyKind, value: string | undefined, otherPresent: boolean): PasskeyError {
	const header = HEADER[kind];
	const other = HEADER[kind === "public" ? "secret" : "public"];
	const code = kind === "public" ? "invalid_api_key" : "invalid_api_secret";
	let detail: string;
	if (!value) {
		detail = otherPresent
			? `A '${other}' header was supplied when a '${header}' header should have been supplied.`
			: `A valid '${header}' header is required.`;
	} else if (/^verify_/i.test(value)) {
		detail = `A verify token was supplied instead of your '${header}'.`;
	} else if (/^register_/i.test(value)) {
		detail = `A register token was supplied instead of your '${header}'.`;
	} else if (kind === "secret" && value.includes(":public:")) {
		detail = "Your ApiSecret header contained a public ApiKey instead of your 'ApiSecret'.";
	} else if (kind === "public" && value.includes(":secret:")) {
		detail = "Your ApiKey header contained a ApiSecret instead of your 'ApiKey'.";
	} else if (!value.includes(kind)) {
		detail = `We don't recognize the value you supplied for your '${header}'. It started with: '${value.slice(0, 10)}'.`;
	} else {
		detail = `The value of your '${header}' is not valid.`;
	}
	return new PasskeyError(code, { detail });
}

/** What a valid key unlocks. */
export interface Authenticated {
	app: App;
	keyId: string;
}

/**
 * Checks an `ApiKey`/`ApiSecret` header value and the scope it needs. Unknown app, unknown key and locked key all
 * give the same 401 (nothing tells whether the app exists).
 * @param input - the header value, whether the other key header was present, the kind and the scope required
 *   (null: any scope, as upstream's management routes)
 * A wrong or locked key of an existing app is written to that app's event log.
 * @param deps - store (apps and keys) and clock (for the event log)
 * @throws invalid_api_key / invalid_api_secret (401), forbidden (403)
 */
export async function authenticate(
	input: { value: string | undefined; otherPresent: boolean; kind: ApiKeyKind; scope: ApiKeyScope | null },
	deps: Pick<Deps, "store" | "clock">,
): Promise<Authenticated> {
	const { value, kind } = input;
	const match = value ? KEY_SHAPE.exec(value) : null;
	if (!value || !match || match[2] !== kind) throw unauthorized(kind, value, input.otherPresent);
	const appId = match[1] as string;
	const [app, keys] = await Promise.all([deps.store.apps.findById(appId), deps.store.apiKeys.listByApp(appId, kind)]);
	const key = matchApiKey(value, keys);
	if (!app || !key || key.locked) {
		if (app) {
			const eventType = `ApiAuth${key ? "Disabled" : "Invalid"}${kind === "public" ? "Public" : "Secret"}KeyUsed` as const;
			const message = `A ${key ? "locked" : "wrong"} ${kind} key ending in '${value.slice(-4)}' was used.`;
			await recordEvent(app, { eventType, message, subject: app.id, apiKeyId: key?.id ?? "", severity: "Warning" }, deps);
		}
		throw unauthorized(kind, value, input.otherPresent);
	}
	if (input.scope !== null && !key.scopes.includes(input.scope)) {
		throw new PasskeyError("forbidden", {
			detail: `You are unable to access this resource because you do not have the required permissions. Required scopes: ${input.scope}`,
		});
	}
	return { app, keyId: key.id };
}
