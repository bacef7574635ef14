import { PasskeyError } from "@latchkey/protocol";
import { fromBase64Any } from "../encoding.ts";
import { normalizeOrigin } from "./origin-policy.ts";

/** The members of clientDataJSON the server checks. */
export interface ClientData {
	type: string;
	challenge: string;
	origin: string;
}

/**
 * Decodes clientDataJSON and checks type, challenge and origin (WebAuthn L3 §7.1 steps 7–9, §7.2 steps 11–13).
 * @param encoded - clientDataJSON as base64url (base64 tolerated)
 * @param expected - the ceremony type, the session's challenge and the request's origin
 * @throws malformed_response, wrong_ceremony_type, challenge_mismatch, origin_mismatch
 */
export function checkClientData(
	encoded: string,
	expected: { type: "webauthn.create" | "webauthn.get"; challenge: string; origin: string },
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
	return { type: data.type, challenge: data.challenge, origin: data.origin };
}
