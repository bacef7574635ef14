import { hash, timingSafeEqual } from "node:crypto";
import type { Random } from "../deps.ts";
import type { ApiKeyKind, ApiKeyRecord, ApiKeyScope } from "../store/store.ts";

/** A newly made key: the text (shown once) and the record to store (hash only). */
export interface IssuedKey {
	text: string;
	record: ApiKeyRecord;
}

/** SHA-256(salt ‖ key text). Keys carry 128 random bits, so a fast salted hash is enough. */
export function hashKey(salt: Uint8Array, text: string): Uint8Array {
	return hash("sha256", Buffer.concat([salt, Buffer.from(text, "utf8")]), "buffer");
}

/**
 * Makes an API key `<appId>:<kind>:<32 lowercase hex>` with the given scopes.
 * @param input - app id, kind and scopes
 * @param options - randomness and the creation time
 * @example const { text, record } = issueApiKey({ appId: "shop", kind: "public", scopes: ["login"] }, { random, now });
 */
export function issueApiKey(
	input: { appId: string; kind: ApiKeyKind; scopes: ApiKeyScope[] },
	options: { random: Random; now: Date },
): IssuedKey {
	const hex = Buffer.from(options.random.bytes(16)).toString("hex");
	const text = `${input.appId}:${input.kind}:${hex}`;
	const salt = options.random.bytes(16);
	return {
		text,
		record: {
			id: `${input.kind}-${hex.slice(-4)}`,
			appId: input.appId,
			kind: input.kind,
			scopes: input.scopes,
			salt,
			hash: hashKey(salt, text),
			locked: false,
			createdAt: options.now,
		},
	};
}

/**
 * Finds the stored key that matches `text`, comparing every candidate's hash in constant time (no early exit, so
 * the time taken does not tell which key, if any, matched).
 * @param text - the key as sent
 * @param candidates - the app's keys of that kind
 */
export function matchApiKey(text: string, candidates: ApiKeyRecord[]): ApiKeyRecord | null {
	let found: ApiKeyRecord | null = null;
	for (const candidate of candidates) {
		const hash = hashKey(candidate.salt, text);
		if (hash.length === candidate.hash.length && timingSafeEqual(hash, candidate.hash)) found = candidate;
	}
	return found;
}
