import type { Client } from "@latchkey/client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { BusyButton } from "./busy-button.tsx";
import { callApi } from "./call-api.ts";
import type { DemoUser } from "./demo-user.ts";
import { fromClientError } from "./from-client-error.ts";
import { useI18n } from "./i18n-context.tsx";
import { Notice } from "./notice.tsx";
import { parseAmountCents } from "./parse-amount-cents.ts";
import type { Payment } from "./payment.ts";
import { TextField } from "./text-field.tsx";
import type { UiProblem } from "./ui-problem.ts";

/** Props of {@link PaymentDialog}. */
export interface PaymentDialogProps {
	client: Client;
	user: DemoUser;
	onClose(): void;
	onSent(payment: Payment, balanceCents: number): void;
	/** A failure that ends the session (expired): the page goes back to log in. */
	onProblem(problem: UiProblem): boolean;
}

/**
 * The "new payment" dialog (a modal `<dialog>`): recipient and amount, then a step-up sign-in with the user's passkey
 * (`client.stepup`, purpose `step-up`) whose verify token goes with the payment, for the backend to check.
 * @example
 * {open ? <PaymentDialog client={client} user={user} onClose={close} onSent={refresh} onProblem={handle} /> : null}
 */
export function PaymentDialog({ client, user, onClose, onSent, onProblem }: PaymentDialogProps): ReactNode {
	const { t } = useI18n();
	const dialog = useRef<HTMLDialogElement>(null);
	const [recipient, setRecipient] = useState("");
	const [amount, setAmount] = useState("");
	const [busy, setBusy] = useState(false);
	const [problem, setProblem] = useState<UiProblem | null>(null);
	useEffect(() => {
		const element = dialog.current;
		if (element && !element.open) element.showModal();
		return () => client.abort();
	}, [client]);

	const confirm = async (): Promise<void> => {
		const fields: Record<string, string> = {};
		if (!recipient.trim() || recipient.trim().length > 64) fields.recipient = "invalid";
		if (parseAmountCents(amount) === null) fields.amount = "invalid";
		if (Object.keys(fields).length > 0) return setProblem({ code: "invalid_input", fields });
		setBusy(true);
		setProblem(null);
		const stepUp = await client.stepup({ signinMethod: { userId: user.id }, purpose: "step-up" });
		if (stepUp.error) {
			setBusy(false);
			if (stepUp.error.errorCode !== "ceremony_aborted") setProblem(fromClientError(stepUp.error));
			return;
		}
		const sent = await callApi<{ payment: Payment; balanceCents: number }>("POST", "/api/payments", {
			recipient: recipient.trim(),
			amount: amount.trim(),
			stepUpToken: stepUp.token,
		});
		setBusy(false);
		if (sent.ok) return onSent(sent.data.payment, sent.data.balanceCents);
		if (!onProblem(sent.problem)) setProblem(sent.problem);
	};

	return (
		<dialog
			ref={dialog}
			className="dialog"
			aria-labelledby="payment-title"
			aria-describedby="payment-subtitle"
			onCancel={(event) => {
				event.preventDefault();
				onClose();
			}}
		>
			<form
				className="form"
				noValidate
				onSubmit={(event) => {
					event.preventDefault();
					if (!busy) void confirm();
				}}
			>
				<h2 id="payment-title" className="dialog__title">
					{t("payment.title")}
				</h2>
				<p id="payment-subtitle" className="card__subtitle">
					{t("payment.subtitle")}
				</p>
				<TextField
					id="payment-recipient"
					label={t("payment.recipient")}
					value={recipient}
					onChange={setRecipient}
					maxLength={64}
					autoComplete="off"
					autoFocus
					required
					placeholder="Northwind Traders"
					error={problem?.fields?.recipient ? t("fields.recipient") : null}
				/>
				<TextField
					id="payment-amount"
					label={t("payment.amount")}
					value={amount}
					onChange={setAmount}
					inputMode="decimal"
					autoComplete="off"
					maxLength={10}
					required
					placeholder="25.00"
					error={problem?.fields?.amount ? t("fields.amount") : null}
				/>
				<Notice id="payment-notice" problem={problem} />
				<div className="dialog__actions">
					<button type="button" className="button button--secondary" onClick={onClose}>
						{t("payment.cancel")}
					</button>
					<BusyButton id="payment-confirm" type="submit" label={t("payment.confirm")} busyLabel={t("payment.confirmBusy")} busy={busy} />
				</div>
			</form>
		</dialog>
	);
}
