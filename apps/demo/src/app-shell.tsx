import type { ReactNode } from "react";
import { useI18n } from "./i18n-context.tsx";
import { LanguageSwitcher } from "./language-switcher.tsx";

/**
 * The frame of every page: a skip link, the header (brand and language switcher), the main landmark and the footer.
 * @example
 * <AppShell><LoginPage … /></AppShell>
 */
export function AppShell({ children }: { children: ReactNode }): ReactNode {
	const { t } = useI18n();
	return (
		<>
			<a className="skip-link" href="#main">
				{t("app.skip")}
			</a>
			<header className="topbar">
				<div className="topbar__inner">
					<span className="brand">
						<svg className="brand__mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
							<rect width="32" height="32" rx="8" fill="currentColor" />
							<path
								fill="#fff"
								d="M16 7a5 5 0 0 0-5 5v3h-1a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-1v-3a5 5 0 0 0-5-5Zm-3 5a3 3 0 0 1 6 0v3h-6v-3Z"
							/>
						</svg>
						<span className="brand__name">{t("app.name")}</span>
						<span className="brand__tag">{t("app.tagline")}</span>
					</span>
					<LanguageSwitcher />
				</div>
			</header>
			<main id="main" className="main" tabIndex={-1}>
				{children}
			</main>
			<footer className="footer">
				<p>{t("app.footer")}</p>
			</footer>
		</>
	);
}
