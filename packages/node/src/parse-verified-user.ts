import { expectRecord } from "./expect-record.ts";
import { invalidResponse } from "./invalid-response.ts";
import { parseApiDate } from "./parse-api-date.ts";
import type { VerifiedUser, VerifiedUserJSON } from "./verified-user.ts";

/**
 * Reads the `/signin/verify` answer, failing closed: without a `userId` string and `success: true` it throws rather
 * than return something a caller could mistake for a sign-in.
 * @param body - the parsed JSON answer
 * @returns the verified user with `Date` timestamps and the untouched object in `raw`
 * @throws {LatchkeyError} `invalid_response` when the answer is not a successful verification
 * @example
 * const user = parseVerifiedUser(await response.json());
 */
export function parseVerifiedUser(body: unknown): VerifiedUser {
	const raw = expectRecord(body, "The /signin/verify answer") as VerifiedUserJSON;
	if (typeof raw.userId !== "string" || raw.userId === "") throw invalidResponse("The /signin/verify answer has no userId.");
	if (raw.success !== true) throw invalidResponse("The /signin/verify answer does not say success: true.");
	return {
		userId: raw.userId,
		timestamp: parseApiDate(raw.timestamp, "timestamp"),
		rpId: raw.rpId ?? (typeof raw.rpid === "string" ? raw.rpid : null),
		origin: raw.origin ?? null,
		success: true,
		device: raw.device ?? null,
		country: raw.country ?? null,
		nickname: raw.nickname ?? null,
		credentialId: raw.credentialId ?? null,
		purpose: raw.purpose ?? null,
		expiresAt: parseApiDate(raw.expiresAt, "expiresAt"),
		tokenId: raw.tokenId,
		type: raw.type,
		raw,
	};
}
