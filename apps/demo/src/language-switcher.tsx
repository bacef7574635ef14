import type { ReactNode } from "react";
import { useI18n } from "./i18n-context.tsx";
import type { Locale } from "./locale.ts";

const LOCALES: Locale[] = ["en", "ja"];

/**
 * Two toggle buttons, English and 日本語; each is labelled in its own language and marked `lang`.
 * @example
 * <LanguageSwitcher />
 */
export function LanguageSwitcher(): ReactNode {
	const { locale, setLocale, t } = useI18n();
	return (
		<fieldset className="switcher">
			<legend className="visually-hidden">{t("lang.label")}</legend>
			{LOCALES.map((option) => (
				<button
					key={option}
					type="button"
					lang={option}
					className="switcher__option"
					aria-pressed={option === locale}
					data-locale={option}
					onClick={() => setLocale(option)}
				>
					{t(`lang.${option}`)}
				</button>
			))}
		</fieldset>
	);
}
