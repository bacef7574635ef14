import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** An account: the e-mail is the username; the id is what Latchkey knows the user by. */
export interface User {
	id: string;
	email: string;
	createdAt: string;
}

/** The backend's users, created on a first registration. */
export interface UserStore {
	findById(id: string): User | null;
	findByEmail(email: string): User | null;
	create(email: string, now: Date): User;
}

/**
 * Opens the user store: a JSON file rewritten atomically on every change, or memory only.
 * @param path - the JSON file (its folder is created), or `null` for memory
 * @example
 * const users = createUserStore("data/angular-express-users.json");
 * const user = users.findByEmail("ada@example.com") ?? users.create("ada@example.com", new Date());
 */
export function createUserStore(path: string | null): UserStore {
	const users: User[] = path && existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as { users: User[] }).users : [];
	const save = (): void => {
		if (!path) return;
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(`${path}.tmp`, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
		renameSync(`${path}.tmp`, path);
	};
	return {
		findById: (id) => users.find((user) => user.id === id) ?? null,
		findByEmail: (email) => users.find((user) => user.email === email) ?? null,
		create(email, now) {
			const user: User = { id: `usr_${randomBytes(12).toString("hex")}`, email, createdAt: now.toISOString() };
			users.push(user);
			save();
			return user;
		},
	};
}
