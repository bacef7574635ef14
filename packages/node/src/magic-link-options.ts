/**
 * What `sendMagicLink` sends to `POST /magic-links/send`: mail a user a link that signs them in once (account
 * recovery). The link's token reaches your backend at `urlTemplate`; exchange it with `verifyToken`, which answers
 * `type: "magic_link"`.
 * @example
 * const options: MagicLinkOptions = { emailAddress: "ada@example.com", userId: "42", urlTemplate: "https://shop.example/recover?token=$TOKEN" };
 */
export interface MagicLinkOptions {
	/** One e-mail address. */
	emailAddress: string;
	/** An absolute http(s) URL of your app containing `$TOKEN` (any case), which is replaced by the token. */
	urlTemplate: string;
	/** Whom the link signs in (the user need not exist). */
	userId: string;
	/** Seconds until the link expires (1–604800). @default the server's LATCHKEY_MAGIC_LINK_TTL_SECONDS (900) */
	timeToLive?: number;
	/** Written into the verify token. @default null */
	purpose?: string;
	/** The mail's language (a Latchkey extension): `en` or `ja` (`ja-JP` counts as `ja`). @default "en" */
	language?: string;
}
