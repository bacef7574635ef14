import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { issueApiKey } from "../domain/api-keys.ts";
import { type AppSettings, DEFAULT_APP_SETTINGS } from "../store/store.ts";
import { normalizeOrigin } from "../webauthn/origin-policy.ts";

/** A new app and its keys, shown once. */
export interface CreatedApp {
	appId: string;
	/** Public key with scopes `register` and `login` (the browser SDK uses one key for both). */
	apiKey: string;
	/** Secret key with scopes `token_register` and `token_verify`. */
	apiSecret: string;
}

const APP_ID = /^[a-z][a-z0-9]{2,61}$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Checks one allowed-origin entry: a web origin (`https://host[:port]`, or `http://localhost[:port]`) or an exact
 * non-URL origin such as `android:apk-key-hash:…`. Returns the normalised origin or a reason it is refused.
 */
export function checkOriginSetting(origin: string): { origin: string } | { error: string } {
	if (/^https?:\/\//i.test(origin)) {
		let url: URL;
		try {
			url = new URL(origin);
		} catch {
			return { error: `'${origin}' is not a valid URL` };
		}
		if (normalizeOrigin(origin) !== url.origin) return { error: `'${origin}' must be an origin only (no path, query or fragment)` };
		return { origin: url.origin };
	}
	if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(origin)) return { origin };
	return { error: `'${origin}' is neither a web origin nor an app origin such as android:apk-key-hash:…` };
}

/** At most this many entries in `relatedOrigins` or `allowedTopOrigins`. */
const MAX_ORIGINS = 100;

/**
 * Checks a list of web origins for `relatedOrigins` / `allowedTopOrigins`: each an https origin (or http on
 * localhost), normalised, without duplicates.
 * @throws invalid_argument naming the entry and why
 */
export function checkWebOrigins(name: string, origins: readonly string[]): string[] {
	if (origins.length > MAX_ORIGINS) throw new PasskeyError("invalid_argument", { detail: `${name} holds at most ${MAX_ORIGINS} origins.` });
	const checked: string[] = [];
	for (const entry of origins) {
		const result = checkOriginSetting(entry);
		if ("error" in result) throw new PasskeyError("invalid_argument", { detail: `${name}: ${result.error}` });
		const url = /^https?:\/\//.test(result.origin) ? new URL(result.origin) : null;
		if (!url || (url.protocol === "http:" && url.hostname !== "localhost")) {
			throw new PasskeyError("invalid_argument", {
				detail: `${name}: '${entry.slice(0, 200)}' must be an https origin (or http://localhost).`,
			});
		}
		if (!checked.includes(result.origin)) checked.push(result.origin);
	}
	return checked;
}

/**
 * Creates an app (tenant) with one public and one secret key.
 * @param input - app id (3–62 lowercase letters and digits, starting with a letter), RP ID, allowed origins, and
 *   optionally related origins and the pages that may embed ceremonies
 * @param deps - store, clock and randomness
 * @throws invalid_argument, app_already_exists
 * @example await createApp({ appId: "shop", rpId: "shop.example", allowedOrigins: ["https://shop.example"] }, deps)
 */
export async function createApp(
	input: {
		appId: string;
		rpId: string;
		allowedOrigins: string[];
		reusableVerifyTokens?: boolean;
		relatedOrigins?: string[];
		allowedTopOrigins?: string[];
	},
	deps: Pick<Deps, "store" | "clock" | "random">,
): Promise<CreatedApp> {
	if (!APP_ID.test(input.appId)) {
		throw new PasskeyError("invalid_argument", { detail: "appId must be 3–62 lowercase letters or digits, starting with a letter." });
	}
	const rpId = input.rpId.toLowerCase();
	if (!HOSTNAME.test(rpId)) throw new PasskeyError("invalid_argument", { detail: `RP ID '${input.rpId}' is not a valid host name.` });
	const allowedOrigins: string[] = [];
	for (const entry of input.allowedOrigins) {
		const checked = checkOriginSetting(entry);
		if ("error" in checked) throw new PasskeyError("invalid_argument", { detail: checked.error });
		allowedOrigins.push(checked.origin);
	}
	const now = deps.clock.now();
	const settings: AppSettings = {
		...DEFAULT_APP_SETTINGS,
		rpId,
		allowedOrigins,
		reusableVerifyTokens: input.reusableVerifyTokens ?? false,
	};
	if (input.relatedOrigins?.length) settings.relatedOrigins = checkWebOrigins("relatedOrigins", input.relatedOrigins);
	if (input.allowedTopOrigins?.length) settings.allowedTopOrigins = checkWebOrigins("allowedTopOrigins", input.allowedTopOrigins);
	const publicKey = issueApiKey({ appId: input.appId, kind: "public", scopes: ["register", "login"] }, { random: deps.random, now });
	const secretKey = issueApiKey(
		{ appId: input.appId, kind: "secret", scopes: ["token_register", "token_verify"] },
		{ random: deps.random, now },
	);
	await deps.store.apps.create({ id: input.appId, settings, createdAt: now }, [publicKey.record, secretKey.record]);
	return { appId: input.appId, apiKey: publicKey.text, apiSecret: secretKey.text };
}
