/** One statement line, as `GET /api/payments` lists it; `amountCents` is negative for money sent. */
export interface Payment {
	id: string;
	counterparty: string;
	amountCents: number;
	createdAt: string;
}
