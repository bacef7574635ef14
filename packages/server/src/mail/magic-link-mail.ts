import type { MailMessage } from "./mailer.ts";

/** The languages magic-link mail is written in. */
export type MailLanguage = "en" | "ja";

/**
 * The language a request asks for: `ja`, `ja-JP`, … → Japanese; anything else (or nothing) → English.
 * @example mailLanguage("ja-JP") // "ja"
 */
export function mailLanguage(requested: string | null | undefined): MailLanguage {
	return requested?.trim().toLowerCase().split(/[-_]/)[0] === "ja" ? "ja" : "en";
}

const TEXTS: Record<
	MailLanguage,
	{
		subject: (host: string) => string;
		intro: (host: string) => string;
		button: string;
		expiry: (minutes: number) => string;
		ignore: string;
	}
> = {
	en: {
		subject: (host) => `Sign in to ${host}`,
		intro: (host) => `Use this link to sign in to ${host}:`,
		button: "Sign in",
		expiry: (minutes) => `The link works once and expires in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
		ignore: "If you did not ask for it, ignore this e-mail: nobody can sign in without the link.",
	},
	ja: {
		subject: (host) => `${host} へのサインイン`,
		intro: (host) => `次のリンクから ${host} にサインインしてください:`,
		button: "サインイン",
		expiry: (minutes) => `このリンクは一度だけ使えます。有効期限は ${minutes} 分です。`,
		ignore: "心当たりがない場合は、このメールを無視してください。リンクがなければ誰もサインインできません。",
	},
};

const escapeHtml = (text: string): string =>
	text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * The magic-link e-mail: subject `Sign in to <host>` (upstream's) and the same content as text and HTML.
 * @param input - recipient, the link (token already in it), the language and the token's lifetime
 * @example buildMagicLinkMail({ to: "ada@example.com", link: "https://app.example.com/recover?token=verify_…", language: "en", ttlSeconds: 900 })
 */
export function buildMagicLinkMail(input: { to: string; link: string; language: MailLanguage; ttlSeconds: number }): MailMessage {
	const texts = TEXTS[input.language];
	const host = new URL(input.link).host;
	const minutes = Math.max(1, Math.round(input.ttlSeconds / 60));
	const text = `${texts.intro(host)}\n\n${input.link}\n\n${texts.expiry(minutes)}\n${texts.ignore}\n`;
	const link = escapeHtml(input.link);
	const html =
		`<!doctype html><html lang="${input.language}"><body style="font-family:sans-serif">` +
		`<p>${escapeHtml(texts.intro(host))}</p>` +
		`<p><a href="${link}" style="display:inline-block;padding:10px 18px;background:#1a56db;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(texts.button)}</a></p>` +
		`<p style="word-break:break-all;color:#555">${link}</p>` +
		`<p style="color:#555">${escapeHtml(texts.expiry(minutes))}<br>${escapeHtml(texts.ignore)}</p>` +
		"</body></html>";
	return { to: input.to, subject: texts.subject(host), text, html };
}
