import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { LOCALE_STORAGE_KEY, type Locale, pickLocale } from "./locale.ts";
import { type MessageKey, translate } from "./translate.ts";

/** What components get from {@link useI18n}. */
export interface I18n {
	locale: Locale;
	setLocale(locale: Locale): void;
	t(key: MessageKey, params?: Record<string, string>): string;
	/** Cents as US dollars, in the current language's number format. */
	money(cents: number): string;
	/** An ISO date-time as a short local date and time. */
	dateTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLocale(): string | null {
	try {
		return localStorage.getItem(LOCALE_STORAGE_KEY);
	} catch {
		return null;
	}
}

/**
 * Provides the language (from the browser's languages, or the user's choice kept in localStorage) and the helpers.
 * @example
 * createRoot(root).render(<I18nProvider><App /></I18nProvider>);
 */
export function I18nProvider({ children }: { children: ReactNode }): ReactNode {
	const [locale, setLocaleState] = useState<Locale>(() => pickLocale(navigator.languages ?? [navigator.language], storedLocale()));
	useEffect(() => {
		document.documentElement.lang = locale;
	}, [locale]);
	const setLocale = useCallback((next: Locale) => {
		setLocaleState(next);
		try {
			localStorage.setItem(LOCALE_STORAGE_KEY, next);
		} catch {
			// private mode: the choice lasts for this page only
		}
	}, []);
	const value = useMemo<I18n>(() => {
		const currency = new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { style: "currency", currency: "USD" });
		const dates = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { dateStyle: "medium", timeStyle: "short" });
		return {
			locale,
			setLocale,
			t: (key, params) => translate(locale, key, params),
			money: (cents) => currency.format(cents / 100),
			dateTime: (iso) => dates.format(new Date(iso)),
		};
	}, [locale, setLocale]);
	return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * The current language and its helpers.
 * @throws Error outside an {@link I18nProvider}
 * @example
 * const { t } = useI18n();
 */
export function useI18n(): I18n {
	const i18n = useContext(I18nContext);
	if (!i18n) throw new Error("useI18n needs an <I18nProvider> above it");
	return i18n;
}
