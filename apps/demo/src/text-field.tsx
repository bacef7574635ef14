import type { ReactNode } from "react";

/** Props of {@link TextField}. */
export interface TextFieldProps {
	id: string;
	label: string;
	value: string;
	onChange(value: string): void;
	type?: "text" | "email";
	autoComplete?: string;
	inputMode?: "text" | "email" | "decimal";
	hint?: string;
	/** The field's error; shown under it and linked with `aria-describedby`. */
	error?: string | null;
	required?: boolean;
	autoFocus?: boolean;
	maxLength?: number;
	placeholder?: string;
}

/**
 * A labelled input with an optional hint and error, wired for screen readers (`aria-describedby`, `aria-invalid`).
 * @example
 * <TextField id="email" label={t("login.email")} type="email" autoComplete="username webauthn" value={email} onChange={setEmail} />
 */
export function TextField(props: TextFieldProps): ReactNode {
	const { id, label, hint, error } = props;
	const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
	return (
		<div className="field">
			<label className="field__label" htmlFor={id}>
				{label}
			</label>
			<input
				id={id}
				name={id}
				className="field__input"
				type={props.type ?? "text"}
				value={props.value}
				onChange={(event) => props.onChange(event.target.value)}
				autoComplete={props.autoComplete}
				inputMode={props.inputMode}
				required={props.required}
				// biome-ignore lint/a11y/noAutofocus: the first field of a single-form page
				autoFocus={props.autoFocus}
				maxLength={props.maxLength}
				placeholder={props.placeholder}
				spellCheck={false}
				aria-invalid={error ? true : undefined}
				aria-describedby={described || undefined}
			/>
			{hint ? (
				<p id={`${id}-hint`} className="field__hint">
					{hint}
				</p>
			) : null}
			{error ? (
				<p id={`${id}-error`} className="field__error">
					{error}
				</p>
			) : null}
		</div>
	);
}
