import { isEmail } from "../src/is-email.ts";
import { DemoError } from "./demo-error.ts";

/** A validated sign-up form. */
export interface SignupInput {
	/** Trimmed and lower-cased. */
	email: string;
	name: string;
}

/**
 * Validates the body of `POST /api/register-token` for a new account.
 * @param body - the parsed JSON body
 * @throws DemoError `invalid_input` with `fields.email` / `fields.name`
 * @example
 * const { email, name } = parseSignupInput(req.body);
 */
export function parseSignupInput(body: unknown): SignupInput {
	const record = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
	const email = typeof record.email === "string" ? record.email.trim().toLowerCase() : "";
	const name = typeof record.name === "string" ? record.name.trim() : "";
	const fields: Record<string, string> = {};
	if (!isEmail(email)) fields.email = "Enter a valid e-mail address.";
	if (name.length < 1 || name.length > 64) fields.name = "Enter a name of 1 to 64 characters.";
	if (Object.keys(fields).length > 0) throw new DemoError("invalid_input", 400, "Check the highlighted fields.", fields);
	return { email, name };
}
