import { hash } from "node:crypto";
import { PasskeyError } from "@latchkey/protocol";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import { buildMagicLinkMail, mailLanguage } from "../mail/magic-link-mail.ts";
import { MailDeliveryError } from "../mail/mailer.ts";
import type { App } from "../store/store.ts";
import type { MagicLinkBody } from "../wire/management-schemas.ts";
import { buildVerifyToken } from "./issue-verify-token.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TOKEN_PLACEHOLDER = /\$TOKEN/gi;
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/**
 * "ada@example.com" → "a***@example.com": enough for an audit log to tell sends apart, not the whole address.
 * @example maskAddress("ada@example.com") // "a***@example.com"
 */
export function maskAddress(address: string): string {
	const at = address.lastIndexOf("@");
	return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/** Checks the template: an absolute http(s) URL once `$TOKEN` (any case, at least once) is filled in. */
function checkUrlTemplate(template: string): void {
	const detail = (why: string): PasskeyError =>
		new PasskeyError("invalid_request", { detail: `urlTemplate ${why}`, extras: { errors: { urlTemplate: [`urlTemplate ${why}`] } } });
	if (!/\$TOKEN/i.test(template)) throw detail("must contain the $TOKEN placeholder.");
	const filled = template.replace(TOKEN_PLACEHOLDER, "verify_x");
	const url = URL.canParse(filled) ? new URL(filled) : null;
	if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) throw detail("must be an absolute http or https URL.");
}

/**
 * Counts one send against the address's hourly and the app's daily quota (fixed windows in `Store.rateLimits`:
 * shared by every node on PostgreSQL, per process on SQLite). Addresses are counted by hash, case-insensitively.
 * @throws magic_link_email_quota_exceeded (429) with `retryAfter` seconds in the problem
 */
async function countAgainstQuotas(app: App, address: string, context: { deps: Deps; config: Config }): Promise<void> {
	const { deps, config } = context;
	const now = deps.clock.now();
	const checks = [
		{
			max: config.magicLinksPerAddressPerHour,
			windowMs: HOUR_MS,
			what: "to this address",
			key: `magic:addr:${app.id}:${hash("sha256", address.toLowerCase(), "base64url")}`,
		},
		{ max: config.magicLinksPerAppPerDay, windowMs: DAY_MS, what: "by this application", key: `magic:app:${app.id}` },
	];
	for (const { max, windowMs, what, key } of checks) {
		if (max === 0) continue;
		const { count, resetAt } = await deps.store.rateLimits.hit(key, windowMs, now);
		if (count > max) {
			const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
			throw new PasskeyError("magic_link_email_quota_exceeded", {
				detail: `At most ${max} magic links may be sent ${what} per ${windowMs === HOUR_MS ? "hour" : "day"}; try again in ${retryAfter} s.`,
				extras: { retryAfter },
			});
		}
	}
}

/**
 * `POST /magic-links/send`: mails the user a link carrying a single-use `magic_link` verify token (account recovery,
 * sign-in by e-mail). The token goes in the mail only: it is never logged, and it is deleted again when the mail
 * server does not take the message.
 * @param input - the app and the request body
 * @param context - deps (with a mailer) and config
 * @returns the event to record
 * @throws magic_links_disabled (403), invalid_request (400), magic_link_email_quota_exceeded (429),
 * email_not_configured (503), email_unavailable (503), email_delivery_failed (502)
 * @example await sendMagicLink({ app, body: { emailAddress: "ada@example.com", urlTemplate: "https://shop.example/recover?token=$TOKEN", userId: "42" } }, context);
 */
export async function sendMagicLink(
	input: { app: App; body: MagicLinkBody },
	context: { deps: Deps; config: Config },
): Promise<{ event: RouteEvent }> {
	const { app, body } = input;
	const { deps, config } = context;
	if (!app.settings.magicLinksEnabled) throw new PasskeyError("magic_links_disabled");
	const address = body.emailAddress.trim();
	if (!ADDRESS.test(address)) {
		const why = "emailAddress must be one e-mail address such as ada@example.com.";
		throw new PasskeyError("invalid_request", { detail: why, extras: { errors: { emailAddress: [why] } } });
	}
	checkUrlTemplate(body.urlTemplate);
	if (!deps.mailer)
		throw new PasskeyError("email_not_configured", { detail: "Set LATCHKEY_SMTP_URL and LATCHKEY_SMTP_FROM to send magic links." });
	await countAgainstQuotas(app, address, context);

	const ttlSeconds = body.timeToLive ?? config.magicLinkTtlSeconds;
	const { text, token } = buildVerifyToken(
		{
			appId: app.id,
			type: "magic_link",
			userId: body.userId,
			credentialId: null,
			rpId: "",
			origin: "",
			device: "",
			country: "",
			nickname: null,
			purpose: body.purpose ?? null,
			ttlSeconds,
		},
		context,
	);
	await deps.store.tokens.put(token);
	// Upstream puts the token in unescaped; token text is base64url, so it is URL-safe as it is.
	const link = body.urlTemplate.replace(TOKEN_PLACEHOLDER, text);
	try {
		await deps.mailer.send(buildMagicLinkMail({ to: address, link, language: mailLanguage(body.language), ttlSeconds }));
	} catch (error) {
		await deps.store.tokens.take(app.id, token.id).catch(() => null);
		if (!(error instanceof MailDeliveryError)) throw error;
		// The cause is what gets logged: the SMTP code and reply, with the token and the address cut out should a server echo them.
		const cause = new Error(error.message.replaceAll(text, "[token]").replaceAll(address, maskAddress(address)));
		if (error.kind === "refused") {
			throw new PasskeyError("email_delivery_failed", { detail: `The mail server refused the message (${cause.message}).`, cause });
		}
		throw new PasskeyError("email_unavailable", {
			detail: "The mail server could not be reached or asked to try later.",
			cause,
			extras: { retryAfter: 30 },
		});
	}
	return { event: { eventType: "ApiUserMagicLinkCreated", userId: body.userId, maskedAddress: maskAddress(address) } };
}
