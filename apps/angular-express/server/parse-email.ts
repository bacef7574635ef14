import { AppError } from "./app-error.ts";

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Reads `{ email }` from a request body: trimmed, lower-cased, a plausible address of at most 254 characters.
 * @param body - the parsed JSON body
 * @throws AppError `invalid_input` (400)
 * @example
 * parseEmail({ email: " Ada@Example.com " }); // "ada@example.com"
 */
export function parseEmail(body: unknown): string {
	const value = typeof body === "object" && body !== null ? (body as Record<string, unknown>).email : undefined;
	const email = typeof value === "string" ? value.trim().toLowerCase() : "";
	if (email.length > 254 || !EMAIL.test(email)) throw new AppError("invalid_input", 400, "Enter a valid e-mail address.");
	return email;
}
