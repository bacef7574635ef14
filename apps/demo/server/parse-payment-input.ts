import { parseAmountCents } from "../src/parse-amount-cents.ts";
import { DemoError } from "./demo-error.ts";

/** A validated payment request. */
export interface PaymentInput {
	recipient: string;
	/** Positive, in cents. */
	amountCents: number;
	/** The verify token of the step-up sign-in (checked separately, by `verifyStepUp`). */
	stepUpToken: unknown;
}

/**
 * Validates the body of `POST /api/payments`: `{ recipient, amount, stepUpToken }` with `amount` in dollars
 * (a number or a string such as "12.50", at most two decimals, up to 10,000.00).
 * @param body - the parsed JSON body
 * @throws DemoError `invalid_input` with `fields.recipient` / `fields.amount`
 * @example
 * const { recipient, amountCents } = parsePaymentInput({ recipient: "Ada", amount: "12.50", stepUpToken });
 */
export function parsePaymentInput(body: unknown): PaymentInput {
	const record = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
	const recipient = typeof record.recipient === "string" ? record.recipient.trim() : "";
	const amountCents = parseAmountCents(record.amount);
	const fields: Record<string, string> = {};
	if (recipient.length < 1 || recipient.length > 64) fields.recipient = "Enter a recipient of 1 to 64 characters.";
	if (amountCents === null) fields.amount = "Enter an amount between 0.01 and 10,000.00.";
	if (amountCents === null || Object.keys(fields).length > 0)
		throw new DemoError("invalid_input", 400, "Check the highlighted fields.", fields);
	return { recipient, amountCents, stepUpToken: record.stepUpToken };
}
