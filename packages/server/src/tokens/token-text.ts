import { hash } from "node:crypto";
import { PasskeyError } from "@latchkey/protocol";
import type { Random } from "../deps.ts";
import { toBase64Url } from "../encoding.ts";

/** The token prefixes of the wire API (`signin_`: a Latchkey extension, `POST /signin/token`). */
export type TokenPrefix = "register_" | "signin_" | "session_" | "verify_";

/**
 * Makes a new opaque, URL-safe token: the prefix and 32 random bytes in base64url. The server keeps only its
 * SHA-256 (see {@link tokenId}), so a copy of the database cannot be replayed.
 * @example newTokenText("verify_", random) // "verify_x3Jk…"
 */
export function newTokenText(prefix: TokenPrefix, random: Random): string {
	return prefix + toBase64Url(random.bytes(32));
}

/** The storage id of a token: base64url(SHA-256(text)). */
export function tokenId(text: string): string {
	return hash("sha256", text, "base64url");
}

const BODY = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks a token's prefix (case-insensitively, as upstream) and shape, and returns its storage id.
 * @param text - the token as sent
 * @param prefix - the prefix this endpoint expects
 * @throws missing_token, invalid_token (wrong prefix), invalid_token_format (not one of our tokens)
 */
export function parseTokenText(text: string | undefined, prefix: TokenPrefix): string {
	if (text === undefined || text === "") {
		throw new PasskeyError("missing_token", { detail: `A token starting with '${prefix}' is required.` });
	}
	if (text.slice(0, prefix.length).toLowerCase() !== prefix) {
		throw new PasskeyError("invalid_token", {
			detail: `The token you sent was not correct. The token used for this endpoint should start with '${prefix}'. Make sure you are not sending the wrong value. The value you sent started with '${text.slice(0, 10)}'`,
		});
	}
	const body = text.slice(prefix.length);
	if (!BODY.test(body)) throw new PasskeyError("invalid_token_format", { detail: "The token is not one this server issued." });
	return tokenId(prefix + body);
}

/** Upstream's humanized "X ago" for expired tokens. */
export function humanizeAgo(ms: number): string {
	const seconds = Math.max(1, Math.round(ms / 1000));
	if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
	const hours = Math.round(minutes / 60);
	if (hours < 48) return hours === 1 ? "1 hour" : `${hours} hours`;
	return `${Math.round(hours / 24)} days`;
}
