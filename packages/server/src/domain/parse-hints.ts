import { PasskeyError, type PublicKeyCredentialHint } from "@latchkey/protocol";

const HINTS = ["security-key", "client-device", "hybrid"] as const;

/**
 * WebAuthn `hints` as an authentication configuration or a sign-in token gives them: case-insensitive, duplicates
 * dropped, order kept.
 * @param texts - the request's hints
 * @throws invalid_argument for a hint that is not `security-key`, `client-device` or `hybrid`
 * @example parseHints(["Hybrid", "security-key", "hybrid"]) // ["hybrid", "security-key"]
 */
export function parseHints(texts: readonly string[]): PublicKeyCredentialHint[] {
	const hints: PublicKeyCredentialHint[] = [];
	for (const text of texts) {
		const hint = HINTS.find((h) => h === text.toLowerCase());
		if (!hint)
			throw new PasskeyError("invalid_argument", { detail: `hints must be among ${HINTS.join(", ")}; got '${text.slice(0, 40)}'.` });
		if (!hints.includes(hint)) hints.push(hint);
	}
	return hints;
}
