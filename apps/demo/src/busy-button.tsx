import type { ReactNode } from "react";

/** Props of {@link BusyButton}. */
export interface BusyButtonProps {
	label: string;
	/** Shown instead of `label` while `busy`. */
	busyLabel: string;
	busy: boolean;
	onClick?: () => void;
	type?: "button" | "submit";
	variant?: "primary" | "secondary" | "danger" | "ghost";
	id?: string;
	/** Stretch to the width of its container. */
	block?: boolean;
}

/**
 * A button with a loading state. While busy it shows a spinner and `busyLabel`, ignores presses and stays focusable
 * (`aria-disabled`, not `disabled`, so keyboard focus is not lost); its size does not change.
 * @example
 * <BusyButton label={t("login.button")} busyLabel={t("login.buttonBusy")} busy={pending} onClick={signIn} />
 */
export function BusyButton({
	label,
	busyLabel,
	busy,
	onClick,
	type = "button",
	variant = "primary",
	id,
	block,
}: BusyButtonProps): ReactNode {
	return (
		<button
			id={id}
			type={type}
			className={`button button--${variant}${block ? " button--block" : ""}`}
			aria-disabled={busy || undefined}
			aria-busy={busy || undefined}
			onClick={(event) => {
				if (busy) {
					event.preventDefault();
					return;
				}
				onClick?.();
			}}
		>
			{busy ? <span className="spinner" aria-hidden="true" /> : null}
			<span>{busy ? busyLabel : label}</span>
		</button>
	);
}
