import type { Locale } from "./locale.ts";
import en from "./messages/en.json" with { type: "json" };
import ja from "./messages/ja.json" with { type: "json" };

/** A key of the message files (`messages/en.json` is the reference; `ja.json` has the same keys). */
export type MessageKey = keyof typeof en;

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, ja };

/**
 * Whether a string is a message key, for keys built from server or client error codes.
 * @param key - e.g. `errors.${code}`
 * @example
 * isMessageKey("errors.user_cancelled"); // true
 */
export function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(en, key);
}

/**
 * The text of a message in a language, with `{name}` placeholders filled in.
 * @param locale - the language
 * @param key - the message
 * @param params - values of the placeholders
 * @example
 * translate("ja", "dashboard.greeting", { name: "Ada" }); // "Ada さん、おかえりなさい"
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
	return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
