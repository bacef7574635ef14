import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import type { App, AppSettings } from "../store/store.ts";
import type { FeaturesBody } from "../wire/management-schemas.ts";
import { checkWebOrigins } from "./create-app.ts";

/** The switches `GET /apps/features` shows: upstream's names, then Latchkey's. */
export interface AppFeatures {
	eventLoggingRetentionPeriod: number;
	enableManuallyGeneratedAuthenticationTokens: boolean;
	enableMagicLinks: boolean;
	rateLimitPerIp: number | null;
	rateLimitPerApp: number | null;
	rateLimitPerKey: number | null;
	attestation: string;
	attestationMode: string;
	deviceBoundOnly: boolean;
	relatedOrigins: string[];
	allowedTopOrigins: string[];
}

/** The app's switches as `GET /apps/features` answers them (a rate limit of `null` follows the server's setting). */
export function appFeatures(settings: AppSettings): AppFeatures {
	return {
		eventLoggingRetentionPeriod: settings.eventRetentionDays,
		enableManuallyGeneratedAuthenticationTokens: settings.generateSigninTokensEnabled,
		enableMagicLinks: settings.magicLinksEnabled,
		rateLimitPerIp: settings.rateLimits?.perIp ?? null,
		rateLimitPerApp: settings.rateLimits?.perApp ?? null,
		rateLimitPerKey: settings.rateLimits?.perKey ?? null,
		attestation: settings.attestation ?? "none",
		attestationMode: settings.attestationMode ?? "permissive",
		deviceBoundOnly: settings.deviceBoundOnly ?? false,
		relatedOrigins: settings.relatedOrigins ?? [],
		allowedTopOrigins: settings.allowedTopOrigins ?? [],
	};
}

/**
 * `POST /apps/features`: patches the app's switches; members left out keep their value.
 * @param input - the app and the body
 * @param deps - the store
 * @throws invalid_argument for a bad origin in `relatedOrigins` or `allowedTopOrigins`
 */
export async function updateAppFeatures(input: { app: App; body: FeaturesBody }, deps: Pick<Deps, "store">): Promise<void> {
	const { app, body } = input;
	const settings: AppSettings = { ...app.settings };
	if (typeof body.eventLoggingRetentionPeriod === "number") settings.eventRetentionDays = body.eventLoggingRetentionPeriod;
	if (typeof body.enableManuallyGeneratedAuthenticationTokens === "boolean") {
		settings.generateSigninTokensEnabled = body.enableManuallyGeneratedAuthenticationTokens;
	}
	if (typeof body.enableMagicLinks === "boolean") settings.magicLinksEnabled = body.enableMagicLinks;
	const limits = { ...settings.rateLimits };
	if (body.rateLimitPerIp !== undefined) limits.perIp = body.rateLimitPerIp;
	if (body.rateLimitPerApp !== undefined) limits.perApp = body.rateLimitPerApp;
	if (body.rateLimitPerKey !== undefined) limits.perKey = body.rateLimitPerKey;
	if (Object.keys(limits).length > 0) settings.rateLimits = limits;
	if (body.attestation !== undefined) settings.attestation = body.attestation;
	if (body.attestationMode !== undefined) settings.attestationMode = body.attestationMode;
	if (body.deviceBoundOnly !== undefined) settings.deviceBoundOnly = body.deviceBoundOnly;
	if (body.relatedOrigins !== undefined) settings.relatedOrigins = checkWebOrigins("relatedOrigins", body.relatedOrigins);
	if (body.allowedTopOrigins !== undefined) settings.allowedTopOrigins = checkWebOrigins("allowedTopOrigins", body.allowedTopOrigins);
	await deps.store.apps.updateSettings(app.id, settings);
}

/**
 * The app's `/.well-known/webauthn` document (WebAuthn L3 related origin requests): its web origins, then its related
 * origins. The relying party serves it at `https://<RP ID>/.well-known/webauthn`, or proxies that path here.
 * @throws app_not_found
 */
export async function wellKnownWebauthn(appId: string, deps: Pick<Deps, "store">): Promise<{ origins: string[] }> {
	const app = /^[a-z][a-z0-9]{2,61}$/.test(appId) ? await deps.store.apps.findById(appId) : null;
	if (!app) throw new PasskeyError("app_not_found", { detail: `There is no application '${appId.slice(0, 64)}'.` });
	const web = app.settings.allowedOrigins.filter((origin) => /^https?:\/\//.test(origin));
	const origins = [...web, ...(app.settings.relatedOrigins ?? [])];
	return { origins: [...new Set(origins)] };
}
