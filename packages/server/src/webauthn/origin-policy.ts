import { PasskeyError } from "@latchkey/protocol";
import type { AppSettings } from "../store/store.ts";

/**
 * Normalises a web origin (drops a default port, lower-cases scheme and host); leaves non-URL origins such as
 * `android:apk-key-hash:…` exactly as they are.
 */
export function normalizeOrigin(origin: string): string {
	// Only a bare scheme://host[:port] is an origin; anything with a path (even "/") is left as is, so it never matches.
	if (!/^https?:\/\/[^/?#@]+$/i.test(origin)) return origin;
	try {
		return new URL(origin).origin;
	} catch {
		return origin;
	}
}

/**
 * Tells whether an origin may run ceremonies for an app. With an explicit list, only exact members (after
 * normalising default ports) pass. With an empty list: https on the RP ID or a subdomain of it, and
 * `http://localhost[:port]` when the RP ID is `localhost` (browsers treat localhost as a secure context). The app's
 * related origins (other domains that use its RP ID) pass too.
 * @param origin - the origin as the browser reported it
 * @param settings - the app's RP ID and allowed origins
 * @example isOriginAllowed("https://login.example.com", { rpId: "example.com", allowedOrigins: [] }) // true
 */
export function isOriginAllowed(origin: string, settings: Pick<AppSettings, "rpId" | "allowedOrigins" | "relatedOrigins">): boolean {
	const normalized = normalizeOrigin(origin);
	if (settings.relatedOrigins?.some((related) => normalizeOrigin(related) === normalized)) return true;
	if (settings.allowedOrigins.length > 0) {
		return settings.allowedOrigins.some((allowed) => normalizeOrigin(allowed) === normalized);
	}
	let url: URL;
	try {
		url = new URL(normalized);
	} catch {
		return false;
	}
	if (normalized !== url.origin) return false;
	const host = url.hostname;
	const onRpId = host === settings.rpId || host.endsWith(`.${settings.rpId}`);
	if (url.protocol === "https:") return onRpId;
	return url.protocol === "http:" && settings.rpId === "localhost" && host === "localhost";
}

/** The origin and RP ID a public request names, checked against the app. */
export interface RequestParty {
	origin: string;
	rpId: string;
}

/**
 * Checks the `Origin` and `RPID` members of a public request against the app's settings.
 * @param body - the request's `Origin` and (optional) `RPID`
 * @param settings - the app's settings
 * @throws missing_origin, origin_not_allowed, rp_id_not_allowed
 */
export function checkRequestParty(
	body: { Origin?: string | undefined; RPID?: string | undefined },
	settings: Pick<AppSettings, "rpId" | "allowedOrigins" | "relatedOrigins">,
): RequestParty {
	const origin = body.Origin;
	if (!origin) throw new PasskeyError("missing_origin");
	if (!isOriginAllowed(origin, settings)) {
		throw new PasskeyError("origin_not_allowed", { detail: `The origin '${origin.slice(0, 200)}' is not allowed for this application.` });
	}
	if (body.RPID && body.RPID !== settings.rpId) {
		throw new PasskeyError("rp_id_not_allowed", {
			detail: `The RP ID '${body.RPID.slice(0, 200)}' is not this application's RP ID '${settings.rpId}'.`,
		});
	}
	return { origin: normalizeOrigin(origin), rpId: settings.rpId };
}
