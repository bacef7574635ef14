/**
 * Whether a value looks like a complete e-mail address: the moment the log in page starts passkey sign-in by itself.
 * Deliberately loose (the server and the mailbox decide the rest), but it needs a dot and two letters after the `@`.
 * @param value - what the user typed, trimmed
 * @example
 * isEmail("ada@example.com"); // true
 * isEmail("ada@example.c"); // false: still typing
 */
export function isEmail(value: string): boolean {
	return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/.test(value);
}
