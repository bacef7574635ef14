/** The largest single payment, in cents (10,000.00). */
export const MAX_PAYMENT_CENTS = 1_000_000;

/**
 * Reads a payment amount in dollars ("12.50", "12", 12.5; at most two decimals) as cents, shared by the payment form
 * and the backend so both refuse the same input.
 * @param value - what was typed or sent
 * @returns cents between 1 and {@link MAX_PAYMENT_CENTS}, or `null`
 * @example
 * parseAmountCents("12.50"); // 1250
 */
export function parseAmountCents(value: unknown): number | null {
	const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
	if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) return null;
	const cents = Math.round(Number(text) * 100);
	return cents > 0 && cents <= MAX_PAYMENT_CENTS ? cents : null;
}
