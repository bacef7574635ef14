import { DemoError } from "./demo-error.ts";

/**
 * Validates the body of `PATCH /api/passkeys/:id`: `{ nickname }`, 1 to 64 characters after trimming.
 * @param body - the parsed JSON body
 * @throws DemoError `invalid_input` with `fields.nickname`
 * @example
 * const nickname = parseNickname({ nickname: "Work laptop" });
 */
export function parseNickname(body: unknown): string {
	const value = (typeof body === "object" && body !== null ? (body as Record<string, unknown>).nickname : undefined) ?? "";
	const nickname = typeof value === "string" ? value.trim() : "";
	if (nickname.length < 1 || nickname.length > 64) {
		throw new DemoError("invalid_input", 400, "Check the highlighted fields.", { nickname: "Enter a name of 1 to 64 characters." });
	}
	return nickname;
}
