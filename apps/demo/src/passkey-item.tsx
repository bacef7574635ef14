import { type ReactNode, useEffect, useRef, useState } from "react";
import { BusyButton } from "./busy-button.tsx";
import { useI18n } from "./i18n-context.tsx";
import type { Passkey } from "./passkey.ts";
import { TextField } from "./text-field.tsx";

/** Props of {@link PasskeyItem}. */
export interface PasskeyItemProps {
	passkey: Passkey;
	/** Resolves when done (the list shows the outcome). */
	onRename(nickname: string): Promise<void>;
	onDelete(): Promise<void>;
}

/**
 * One passkey: its name, provider, sync state, device, creation and last use, with rename and delete (which asks
 * for confirmation in place).
 * @example
 * <PasskeyItem passkey={passkey} onRename={(name) => rename(passkey.id, name)} onDelete={() => remove(passkey.id)} />
 */
export function PasskeyItem({ passkey, onRename, onDelete }: PasskeyItemProps): ReactNode {
	const { t, dateTime } = useI18n();
	const [mode, setMode] = useState<"view" | "rename" | "confirm">("view");
	const [nickname, setNickname] = useState("");
	const [busy, setBusy] = useState(false);
	const firstAction = useRef<HTMLFieldSetElement>(null);
	const name = passkey.nickname ?? passkey.provider ?? t("passkeys.unnamed");
	useEffect(() => {
		if (mode === "confirm") firstAction.current?.querySelector<HTMLButtonElement>(".button--secondary")?.focus();
	}, [mode]);
	const run = async (action: () => Promise<void>): Promise<void> => {
		setBusy(true);
		await action();
		setBusy(false);
		setMode("view");
	};
	const titleId = `passkey-${passkey.id}-name`;
	return (
		<li className="passkey" data-passkey-id={passkey.id} aria-labelledby={titleId}>
			<div className="passkey__head">
				<span className="passkey__icon" aria-hidden="true">
					<svg viewBox="0 0 24 24" width="20" height="20" focusable="false" aria-hidden="true">
						<path fill="currentColor" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4Zm5.65-4A6 6 0 1 0 12.65 14H17v4h4v-4h1v-4h-9.35Z" />
					</svg>
				</span>
				<div className="passkey__titles">
					<h3 id={titleId} className="passkey__name">
						{name}
					</h3>
					<p className="passkey__badges">
						<span className="badge">{passkey.provider ?? t("passkeys.unknownProvider")}</span>
						{passkey.synced === null ? null : (
							<span className={`badge ${passkey.synced ? "badge--synced" : "badge--device"}`}>
								{passkey.synced ? t("passkeys.synced") : t("passkeys.deviceBound")}
							</span>
						)}
					</p>
				</div>
			</div>
			<dl className="passkey__facts">
				<div>
					<dt>{t("passkeys.device")}</dt>
					<dd>{passkey.device || t("passkeys.unknownDevice")}</dd>
				</div>
				<div>
					<dt>{t("passkeys.created")}</dt>
					<dd>{dateTime(passkey.createdAt)}</dd>
				</div>
				<div>
					<dt>{t("passkeys.lastUsed")}</dt>
					<dd>{passkey.lastUsedAt ? dateTime(passkey.lastUsedAt) : t("passkeys.never")}</dd>
				</div>
			</dl>
			{mode === "view" ? (
				<div className="passkey__actions">
					<button
						type="button"
						className="button button--ghost button--small"
						aria-describedby={titleId}
						onClick={() => {
							setNickname(passkey.nickname ?? "");
							setMode("rename");
						}}
					>
						{t("passkeys.rename")}
					</button>
					<button
						type="button"
						className="button button--ghost button--small button--danger-text"
						aria-describedby={titleId}
						onClick={() => setMode("confirm")}
					>
						{t("passkeys.delete")}
					</button>
				</div>
			) : null}
			{mode === "rename" ? (
				<form
					className="passkey__inline"
					onSubmit={(event) => {
						event.preventDefault();
						if (!busy && nickname.trim()) void run(() => onRename(nickname.trim()));
					}}
				>
					<TextField
						id={`rename-${passkey.id}`}
						label={t("passkeys.renameLabel")}
						value={nickname}
						onChange={setNickname}
						maxLength={64}
						autoFocus
					/>
					<div className="passkey__inline-actions">
						<BusyButton type="submit" label={t("passkeys.save")} busyLabel={t("passkeys.save")} busy={busy} variant="primary" />
						<button type="button" className="button button--secondary" onClick={() => setMode("view")}>
							{t("passkeys.cancel")}
						</button>
					</div>
				</form>
			) : null}
			{mode === "confirm" ? (
				<fieldset className="passkey__inline passkey__confirm" ref={firstAction}>
					<legend>{t("passkeys.deleteConfirm")}</legend>
					<div className="passkey__inline-actions">
						<BusyButton
							label={t("passkeys.deleteYes")}
							busyLabel={t("passkeys.deleteYes")}
							busy={busy}
							variant="danger"
							onClick={() => void run(onDelete)}
						/>
						<button type="button" className="button button--secondary" onClick={() => setMode("view")}>
							{t("passkeys.deleteNo")}
						</button>
					</div>
				</fieldset>
			) : null}
		</li>
	);
}
