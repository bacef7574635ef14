import { PasskeyError } from "@latchkey/protocol";
import { fromBase64Any } from "../encoding.ts";
import { normalizeOrigin } from "./origin-policy.ts";

/** The members of clientDataJSON the server checks. */
export interface ClientData {
	type: string;
	challenge: string;
	origin: string;
	/** WebAuthn L3 §5.8.1: true when the ceremony ran in a cross-origin iframe. */
	crossOrigin?: boolean;
	/** The top-level page's origin, sent with `crossOrigin: true`. */
	topOrigin?: string;
}

/** Refuses an embedded ceremony whose top-level page is not on the app's list (or does not say which page it is). */
function checkTopOrigin(data: Partial<ClientData>, allowed: readonly string[]): void {
	if (typeof data.topOrigin !== "string") {
		throw new PasskeyError("top_origin_not_allowed", {
			detail: "The ceremony ran in a cross-origin iframe but the browser did not say which page embeds it (topOrigin).",
		});
	}
	const top = normalizeOrigin(data.topOrigin);
	if (!allowed.some((origin) => normalizeOrigin(origin) === top)) {
		throw new PasskeyError("top_origin_not_allowed", {
			detail: `The page '${data.topOrigin.slice(0, 200)}' may not embed this application's ceremonies.`,
		});
	}
}

/**
 * Decodes clientDataJSON and checks type, challenge and origin (WebAuthn L3 §7.1 steps 7–9, §7.2 steps 11–13), and
 * the embedding page of a ceremony run in a cross-origin iframe (§7.1 step 10, §7.2 step 14): `crossOrigin: true` or
 * a `topOrigin` needs that top origin on the app's allow list (none by default, so embedding is refused).
 * @param encoded - clientDataJSON as base64url (base64 tolerated)
 * @param expected - the ceremony type, the session's challenge, the request's origin, the allowed top origins
 * @throws malformed_response, wrong_ceremony_type, challenge_mismatch, origin_mismatch, top_origin_not_allowed
 */
export function checkClientData(
	encoded: string,
	expected: {
		type: "webauthn.create" | "webauthn.get";
		challenge: string;
		origin: string;
		allowedTopOrigins?: readonly string[] | undefined;
	},
): ClientData {
	const bytes = fromBase64Any(encoded);
	let parsed: unknown;
	try {
		if (bytes === null) throw new Error("not base64url");
		parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
	} catch {
		throw new PasskeyError("malformed_response", { detail: "clientDataJSON is not base64url-encoded UTF-8 JSON." });
	}
	const data = parsed as Partial<ClientData> | null;
	if (
		!data ||
		typeof data !== "object" ||
		typeof data.type !== "string" ||
		typeof data.challenge !== "string" ||
		typeof data.origin !== "string"
	) {
		throw new PasskeyError("malformed_response", { detail: "clientDataJSON lacks type, challenge or origin." });
	}
	if (data.type !== expected.type) {
		throw new PasskeyError("wrong_ceremony_type", { detail: `Expected '${expected.type}', got '${data.type.slice(0, 40)}'.` });
	}
	if (data.challenge !== expected.challenge) throw new PasskeyError("challenge_mismatch");
	if (normalizeOrigin(data.origin) !== expected.origin) {
		throw new PasskeyError("origin_mismatch", {
			detail: `The browser reported '${data.origin.slice(0, 200)}' but the request came from '${expected.origin}'.`,
		});
	}
	// Same-origin ceremonies (nearly all) carry crossOrigin false or nothing, and no topOrigin: one comparison each.
	if (data.crossOrigin === true || data.topOrigin !== undefined) checkTopOrigin(data, expected.allowedTopOrigins ?? []);
	return { type: data.type, challenge: data.challenge, origin: data.origin };
}
