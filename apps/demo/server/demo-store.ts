import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** A customer of the demo bank. `id` is the Latchkey userId; `email` is the Latchkey alias. */
export interface DemoUser {
	id: string;
	email: string;
	name: string;
	createdAt: string;
}

/** One line of the account statement; `amountCents` is negative for money sent. */
export interface Payment {
	id: string;
	userId: string;
	counterparty: string;
	amountCents: number;
	createdAt: string;
}

/** The demo's own data: users and payments (passkey nicknames live in Latchkey). */
export interface DemoStore {
	findUser(userId: string): DemoUser | null;
	findUserByEmail(email: string): DemoUser | null;
	/** Creates a customer with a welcome deposit and a few sample payments. */
	createUser(input: { email: string; name: string; now: Date }): DemoUser;
	renameUser(userId: string, name: string): void;
	listPayments(userId: string): Payment[];
	balanceCents(userId: string): number;
	addPayment(input: Omit<Payment, "id" | "createdAt"> & { now: Date }): Payment;
}

interface StoreData {
	users: DemoUser[];
	payments: Payment[];
}

const SAMPLE_PAYMENTS: Array<{ counterparty: string; amountCents: number; hoursAgo: number }> = [
	{ counterparty: "Welcome deposit", amountCents: 1_250_000, hoursAgo: 72 },
	{ counterparty: "Contoso Office Supply", amountCents: -42_000, hoursAgo: 50 },
	{ counterparty: "Blue Harbor Coffee", amountCents: -1_850, hoursAgo: 26 },
];

const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString("hex")}`;

/**
 * Opens the demo's store: a JSON file written atomically on every change, or memory only.
 * @param path - the JSON file (created with its folder), or `null` for memory only
 * @example
 * const store = createDemoStore("data/demo-store.json");
 */
export function createDemoStore(path: string | null): DemoStore {
	const data: StoreData = path && existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as StoreData) : { users: [], payments: [] };
	const save = (): void => {
		if (!path) return;
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(`${path}.tmp`, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
		renameSync(`${path}.tmp`, path);
	};
	return {
		findUser: (userId) => data.users.find((user) => user.id === userId) ?? null,
		findUserByEmail: (email) => data.users.find((user) => user.email === email) ?? null,
		createUser({ email, name, now }) {
			const user: DemoUser = { id: newId("usr"), email, name, createdAt: now.toISOString() };
			data.users.push(user);
			for (const sample of SAMPLE_PAYMENTS) {
				const createdAt = new Date(now.getTime() - sample.hoursAgo * 3_600_000).toISOString();
				data.payments.push({
					id: newId("pay"),
					userId: user.id,
					counterparty: sample.counterparty,
					amountCents: sample.amountCents,
					createdAt,
				});
			}
			save();
			return user;
		},
		renameUser(userId, name) {
			const user = data.users.find((candidate) => candidate.id === userId);
			if (user) user.name = name;
			save();
		},
		listPayments: (userId) =>
			data.payments.filter((payment) => payment.userId === userId).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
		balanceCents: (userId) =>
			data.payments.filter((payment) => payment.userId === userId).reduce((sum, payment) => sum + payment.amountCents, 0),
		addPayment({ now, ...input }) {
			const payment: Payment = { id: newId("pay"), ...input, createdAt: now.toISOString() };
			data.payments.push(payment);
			save();
			return payment;
		},
	};
}
