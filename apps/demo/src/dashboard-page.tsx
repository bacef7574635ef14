import type { LifecycleClient } from "@latchkey/client/lifecycle";
import {
	type AllAcceptedCredentialsOptions,
	type CurrentUserDetailsOptions,
	signalAllAcceptedCredentials,
	signalCurrentUserDetails,
} from "@latchkey/client/signals";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { BusyButton } from "./busy-button.tsx";
import { callApi } from "./call-api.ts";
import type { DemoUser } from "./demo-user.ts";
import { fromClientError } from "./from-client-error.ts";
import { useI18n } from "./i18n-context.tsx";
import { Notice } from "./notice.tsx";
import type { Passkey } from "./passkey.ts";
import { PasskeyItem } from "./passkey-item.tsx";
import type { Payment } from "./payment.ts";
import { PaymentDialog } from "./payment-dialog.tsx";
import { TextField } from "./text-field.tsx";
import type { MessageKey } from "./translate.ts";
import type { UiProblem } from "./ui-problem.ts";

/** Props of {@link DashboardPage}. */
export interface DashboardPageProps {
	client: LifecycleClient;
	user: DemoUser;
	/** Signed in by a recovery link: ask for a new passkey first, and point at the old ones to delete. */
	recovered?: boolean;
	/** The user changed their display name. */
	onUserChanged(user: DemoUser): void;
	/** The session ended (expired, or the user logged out); `problem` says why, if it was not the user's choice. */
	onSignedOut(problem: UiProblem | null): void;
}

type Outcome = { problem: UiProblem } | { done: MessageKey; params?: Record<string, string> } | null;

/**
 * The dashboard: balance and recent payments, a new payment confirmed with a passkey (step-up), the user's passkeys
 * (add, rename, delete), the display name, and log out. After a recovery link it asks for a new passkey, and tries an
 * automatic passkey upgrade (conditional create) where the browser offers one. A deleted passkey and a new name are
 * signalled to the passkey provider (`@latchkey/client/signals`).
 * @example
 * <DashboardPage client={client} user={user} onSignedOut={backToLogin} />
 */
export function DashboardPage({ client, user, recovered = false, onUserChanged, onSignedOut }: DashboardPageProps): ReactNode {
	const { t, money, dateTime } = useI18n();
	const [account, setAccount] = useState<{ balanceCents: number; payments: Payment[] } | null>(null);
	const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
	const [paying, setPaying] = useState(false);
	const [adding, setAdding] = useState(false);
	const [loggingOut, setLoggingOut] = useState(false);
	const [passkeyOutcome, setPasskeyOutcome] = useState<Outcome>(null);
	const [paymentOutcome, setPaymentOutcome] = useState<Outcome>(null);
	/** After a recovery link: "add" until a new passkey exists, then "added"; null once dismissed (or not recovering). */
	const [recovery, setRecovery] = useState<"add" | "added" | null>(recovered ? "add" : null);
	const [nameDraft, setNameDraft] = useState<string | null>(null);
	const [savingName, setSavingName] = useState(false);

	/** Ends the page when the session is gone; returns whether it did. */
	const sessionLost = useCallback(
		(problem: UiProblem): boolean => {
			if (problem.code !== "session_expired" && problem.code !== "not_signed_in") return false;
			onSignedOut(problem);
			return true;
		},
		[onSignedOut],
	);

	const loadPasskeys = useCallback(async (): Promise<void> => {
		const listed = await callApi<{ passkeys: Passkey[] }>("GET", "/api/passkeys");
		if (listed.ok) setPasskeys(listed.data.passkeys);
		else if (!sessionLost(listed.problem)) setPasskeyOutcome({ problem: listed.problem });
	}, [sessionLost]);

	useEffect(() => {
		void (async () => {
			const loaded = await callApi<{ balanceCents: number; payments: Payment[] }>("GET", "/api/payments");
			if (loaded.ok) setAccount(loaded.data);
			else if (!sessionLost(loaded.problem)) setPaymentOutcome({ problem: loaded.problem });
		})();
		void loadPasskeys();
	}, [loadPasskeys, sessionLost]);

	// After a recovery link: an automatic passkey upgrade where the browser can create one without a dialog (its
	// password manager decides; it may never). The "Add a new passkey" button aborts it and asks normally.
	useEffect(() => {
		if (!recovered) return;
		let stale = false;
		void (async () => {
			if (!(await client.capabilities()).conditionalCreate) return;
			const issued = await callApi<{ token: string }>("POST", "/api/register-token", {});
			if (!issued.ok || stale) return;
			const upgraded = await client.register(issued.data.token, { mediation: "conditional" });
			if (upgraded.error || stale) return; // not supported, not offered, or the button took over
			const confirmed = await callApi("POST", "/api/signin", { token: upgraded.token });
			if (!confirmed.ok) return;
			setRecovery("added");
			setPasskeyOutcome({ done: "passkeys.added" });
			await loadPasskeys();
		})();
		return () => {
			stale = true;
		};
	}, [recovered, client, loadPasskeys]);

	const addPasskey = async (): Promise<void> => {
		setAdding(true);
		setPasskeyOutcome(null);
		const outcome = await (async (): Promise<Outcome> => {
			const issued = await callApi<{ token: string }>("POST", "/api/register-token", {});
			if (!issued.ok) return { problem: issued.problem };
			const registered = await client.register(issued.data.token);
			if (registered.error)
				return registered.error.errorCode === "ceremony_aborted" ? null : { problem: fromClientError(registered.error) };
			const confirmed = await callApi("POST", "/api/signin", { token: registered.token });
			return confirmed.ok ? { done: "passkeys.added" } : { problem: confirmed.problem };
		})();
		if (outcome && "done" in outcome) setRecovery((step) => (step ? "added" : null));
		setAdding(false);
		if (outcome && "problem" in outcome && sessionLost(outcome.problem)) return;
		setPasskeyOutcome(outcome);
		await loadPasskeys();
	};

	const changePasskey = async (call: Promise<{ ok: boolean; problem?: UiProblem }>, done: MessageKey): Promise<void> => {
		setPasskeyOutcome(null);
		const result = await call;
		if (!result.ok && result.problem && sessionLost(result.problem)) return;
		setPasskeyOutcome(result.ok ? { done } : result.problem ? { problem: result.problem } : null);
		await loadPasskeys();
	};

	const deletePasskey = (id: string): Promise<void> =>
		changePasskey(
			callApi<{ signal: AllAcceptedCredentialsOptions }>("DELETE", `/api/passkeys/${encodeURIComponent(id)}`).then(async (result) => {
				// The passkey provider may still offer the deleted passkey: tell it which ones this site still accepts.
				if (result.ok) await signalAllAcceptedCredentials(result.data.signal).catch(() => false);
				return result;
			}),
			"passkeys.deleted",
		);

	const saveName = async (): Promise<void> => {
		if (nameDraft === null) return;
		setSavingName(true);
		const saved = await callApi<{ user: DemoUser; signal: CurrentUserDetailsOptions }>("PATCH", "/api/me", { name: nameDraft });
		setSavingName(false);
		if (!saved.ok) {
			if (!sessionLost(saved.problem)) setPasskeyOutcome({ problem: saved.problem });
			return;
		}
		setNameDraft(null);
		onUserChanged(saved.data.user);
		setPasskeyOutcome({ done: "profile.renamed", params: { name: saved.data.user.name } });
		// Passkey providers show the display name next to the passkey: keep theirs current.
		await signalCurrentUserDetails(saved.data.signal).catch(() => false);
	};

	const logout = async (): Promise<void> => {
		setLoggingOut(true);
		client.abort();
		await callApi("POST", "/api/logout");
		onSignedOut(null);
	};

	const outcomeNotice = (outcome: Outcome, id: string, dismiss: () => void): ReactNode =>
		outcome && "problem" in outcome ? (
			<Notice id={id} problem={outcome.problem} onDismiss={dismiss} />
		) : (
			<Notice id={id} tone="success" text={outcome ? t(outcome.done, outcome.params) : null} onDismiss={dismiss} />
		);

	return (
		<div className="dashboard">
			<header className="dashboard__header">
				<div>
					<h1 className="dashboard__title">{t("dashboard.greeting", { name: user.name })}</h1>
					<p className="dashboard__subtitle">
						{t("dashboard.signedInAs", { email: user.email })}{" "}
						{nameDraft === null ? (
							<button id="edit-name-button" type="button" className="link-button" onClick={() => setNameDraft(user.name)}>
								{t("profile.edit")}
							</button>
						) : null}
					</p>
					{nameDraft !== null ? (
						<form
							className="name-form"
							noValidate
							onSubmit={(event) => {
								event.preventDefault();
								void saveName();
							}}
						>
							<TextField id="display-name" label={t("profile.label")} value={nameDraft} onChange={setNameDraft} maxLength={64} autoFocus />
							<BusyButton id="save-name-button" type="submit" label={t("passkeys.save")} busyLabel={t("passkeys.save")} busy={savingName} />
							<button type="button" className="button button--ghost" onClick={() => setNameDraft(null)}>
								{t("passkeys.cancel")}
							</button>
						</form>
					) : null}
				</div>
				<BusyButton
					id="logout-button"
					variant="secondary"
					label={t("dashboard.logout")}
					busyLabel={t("dashboard.logoutBusy")}
					busy={loggingOut}
					onClick={() => void logout()}
				/>
			</header>

			{recovery ? (
				<section className="card recovery" id="recovery-panel" aria-labelledby="recovery-title">
					<div className="card__row">
						<div>
							<h2 id="recovery-title" className="card__title card__title--small">
								{t("recovered.title")}
							</h2>
							<p className="card__subtitle" id="recovery-text">
								{t(recovery === "add" ? "recovered.text" : "recovered.done")}
							</p>
						</div>
						{recovery === "add" ? (
							<BusyButton
								id="recovery-add-button"
								label={t("recovered.add")}
								busyLabel={t("passkeys.addBusy")}
								busy={adding}
								onClick={() => void addPasskey()}
							/>
						) : (
							<button id="recovery-dismiss" type="button" className="button button--ghost" onClick={() => setRecovery(null)}>
								{t("app.dismiss")}
							</button>
						)}
					</div>
				</section>
			) : null}

			<div className="dashboard__grid">
				<section className="card" aria-labelledby="balance-title">
					<p className="card__eyebrow">{t("dashboard.account")}</p>
					<h2 id="balance-title" className="card__label">
						{t("dashboard.balance")}
					</h2>
					<p className="balance" id="balance" aria-live="polite">
						{account ? money(account.balanceCents) : "—"}
					</p>
					<button
						id="new-payment-button"
						type="button"
						className="button button--primary"
						onClick={() => {
							setPaymentOutcome(null);
							setPaying(true);
						}}
					>
						{t("dashboard.newPayment")}
					</button>
					<h2 className="section-title">{t("dashboard.payments")}</h2>
					{account && account.payments.length === 0 ? <p className="muted">{t("dashboard.noPayments")}</p> : null}
					<ul className="payments" id="payments" aria-busy={account ? undefined : true}>
						{(account?.payments ?? []).slice(0, 6).map((payment) => (
							<li key={payment.id} className="payment">
								<span className="payment__who">{payment.counterparty}</span>
								<span className="payment__when">{dateTime(payment.createdAt)}</span>
								<span className={`payment__amount${payment.amountCents > 0 ? " payment__amount--in" : ""}`}>
									{payment.amountCents > 0 ? "+" : "−"}
									{money(Math.abs(payment.amountCents))}
								</span>
							</li>
						))}
					</ul>
				</section>

				<section className="card" aria-labelledby="passkeys-title">
					<div className="card__row">
						<div>
							<h2 id="passkeys-title" className="card__title card__title--small">
								{t("passkeys.title")}
							</h2>
							<p className="card__subtitle">{t("passkeys.subtitle")}</p>
						</div>
						<BusyButton
							id="add-passkey-button"
							variant="secondary"
							label={t("passkeys.add")}
							busyLabel={t("passkeys.addBusy")}
							busy={adding}
							onClick={() => void addPasskey()}
						/>
					</div>
					{passkeys === null ? <p className="muted">{t("passkeys.loading")}</p> : null}
					<ul className="passkeys" id="passkeys">
						{(passkeys ?? []).map((passkey) => (
							<PasskeyItem
								key={passkey.id}
								passkey={passkey}
								onRename={(nickname) =>
									changePasskey(callApi("PATCH", `/api/passkeys/${encodeURIComponent(passkey.id)}`, { nickname }), "passkeys.renamed")
								}
								onDelete={() => deletePasskey(passkey.id)}
							/>
						))}
					</ul>
				</section>
			</div>

			{/* Outcomes float over the page (live regions), so a message never pushes the content around. */}
			<div className="toasts">
				{outcomeNotice(paymentOutcome, "payment-outcome", () => setPaymentOutcome(null))}
				{outcomeNotice(passkeyOutcome, "passkey-outcome", () => setPasskeyOutcome(null))}
			</div>

			{paying ? (
				<PaymentDialog
					client={client}
					user={user}
					onClose={() => setPaying(false)}
					onProblem={sessionLost}
					onSent={(payment, balanceCents) => {
						setPaying(false);
						setAccount((previous) => ({ balanceCents, payments: [payment, ...(previous?.payments ?? [])] }));
						setPaymentOutcome({ done: "payment.sent", params: { amount: money(-payment.amountCents), recipient: payment.counterparty } });
					}}
				/>
			) : null}
		</div>
	);
}
