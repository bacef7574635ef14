import type { ReactNode } from "react";
import { useI18n } from "./i18n-context.tsx";
import { problemText } from "./problem-text.ts";
import type { UiProblem } from "./ui-problem.ts";

/** Props of {@link Notice}. */
export interface NoticeProps {
	/** A failure: what happened, and what to do next. */
	problem?: UiProblem | null;
	/** Or a plain message (progress or success). */
	text?: string | null;
	tone?: "info" | "success";
	/** Extra content after the hint, e.g. a link to the next step. */
	action?: ReactNode;
	id?: string;
	/** Shows a close button (for notices that float over the page). */
	onDismiss?: () => void;
}

/**
 * The message area of a form. It always takes its space (so nothing jumps when a message appears) and is a live
 * region: failures are announced as alerts, progress and success politely.
 * @example
 * <Notice problem={problem} text={pending ? t("login.autoStarted", { email }) : null} />
 */
export function Notice({ problem, text, tone = "info", action, id, onDismiss }: NoticeProps): ReactNode {
	const { t } = useI18n();
	const dismiss = onDismiss ? (
		<button type="button" className="notice__dismiss" aria-label={t("app.dismiss")} onClick={onDismiss}>
			<span aria-hidden="true">×</span>
		</button>
	) : null;
	if (problem) {
		const { message, hint } = problemText(problem);
		return (
			<div id={id} className="notice notice--error" role="alert" data-code={problem.code}>
				<p className="notice__title">{t(message)}</p>
				<p className="notice__hint">
					{t(hint)} {action}
				</p>
				{dismiss}
			</div>
		);
	}
	return (
		<div id={id} className={`notice${text ? ` notice--${tone}` : ""}`} role="status">
			{text ? <p className="notice__title">{text}</p> : null}
			{text ? dismiss : null}
		</div>
	);
}
