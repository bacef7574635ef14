import { PasskeyError } from "@latchkey/protocol";

/** Node socket errors that mean "the database cannot be reached right now". */
const NETWORK_CODES = new Set([
	"ECONNREFUSED",
	"ECONNRESET",
	"EPIPE",
	"ETIMEDOUT",
	"EHOSTUNREACH",
	"ENETUNREACH",
	"ENOTFOUND",
	"EAI_AGAIN",
]);

/** Messages of the pg driver and pool for a lost, refused or timed-out connection (they carry no code). */
const DRIVER_MESSAGES =
	/Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Connection ended|Cannot use a pool after calling end/i;

/**
 * Whether an error from the pg driver means PostgreSQL is unreachable, shutting down, overloaded or too slow, rather
 * than a bug: SQLSTATE class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now),
 * 57014 (statement timeout), 53xxx (too many connections, out of resources), socket errors, and the driver's own
 * connection and timeout messages.
 * @param error - anything a pg call rejected with
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	if (typeof error !== "object" || error === null) return false;
	const { code, message } = error as { code?: unknown; message?: unknown };
	if (typeof code === "string") {
		if (NETWORK_CODES.has(code)) return true;
		if (/^(08|53|57P0[1-3])/.test(code) || code === "57014") return true;
	}
	return typeof message === "string" && DRIVER_MESSAGES.test(message);
}

/**
 * What the store throws for a failed pg call: `service_unavailable` (503) when the database is out of reach,
 * `invalid_request` for text PostgreSQL cannot store (a NUL character), else the error itself (a bug → 500).
 * @param error - anything a pg call rejected with
 */
export function toStoreError(error: unknown): unknown {
	if (error instanceof PasskeyError) return error;
	if (isDatabaseUnavailable(error)) {
		return new PasskeyError("service_unavailable", { detail: "The database cannot be reached; try again shortly.", cause: error });
	}
	const code = (error as { code?: unknown } | null)?.code;
	if (code === "22021" || code === "22P05") {
		return new PasskeyError("invalid_request", { detail: "Text fields must not contain NUL characters.", cause: error });
	}
	return error;
}
