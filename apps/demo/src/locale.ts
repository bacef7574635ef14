/** The languages of the demo. */
export type Locale = "en" | "ja";

/** Where the user's explicit choice of language is remembered. */
export const LOCALE_STORAGE_KEY = "latchkey-demo.locale";

/**
 * Picks the demo's language: the user's earlier choice if any, else the first browser language we have, else English.
 * @param languages - `navigator.languages`, most preferred first
 * @param stored - the value kept under {@link LOCALE_STORAGE_KEY}, if any
 * @example
 * pickLocale(["ja-JP", "en-US"], null); // "ja"
 */
export function pickLocale(languages: readonly string[], stored: string | null): Locale {
	if (stored === "en" || stored === "ja") return stored;
	for (const language of languages) {
		const base = language.toLowerCase().split("-")[0];
		if (base === "ja" || base === "en") return base;
	}
	return "en";
}
