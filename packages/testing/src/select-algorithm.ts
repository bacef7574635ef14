import type { CoseAlgorithm } from "./cose-algorithm.ts";
import type { PublicKeyCredentialParametersJSON } from "./public-key-credential-parameters-json.ts";

const DEFAULT_PARAMS: PublicKeyCredentialParametersJSON[] = [
	{ type: "public-key", alg: -7 },
	{ type: "public-key", alg: -257 },
];

/**
 * Picks the first algorithm in `pubKeyCredParams` that the authenticator supports.
 * An empty list means ES256 then RS256, as in WebAuthn.
 *
 * @param params - The `pubKeyCredParams` from the creation options.
 * @param supported - The algorithms the authenticator supports.
 * @returns The chosen algorithm.
 * @throws {DOMException} `NotSupportedError` when no algorithm matches.
 * @example
 * ```ts
 * selectAlgorithm([{ type: "public-key", alg: -8 }], [-7, -8]); // -8
 * ```
 */
export function selectAlgorithm(params: readonly PublicKeyCredentialParametersJSON[], supported: readonly CoseAlgorithm[]): CoseAlgorithm {
	const candidates = params.length === 0 ? DEFAULT_PARAMS : params;
	for (const param of candidates) {
		const match = supported.find((alg) => alg === param.alg);
		if (param.type === "public-key" && match !== undefined) return match;
	}
	throw new DOMException("No supported algorithm in pubKeyCredParams", "NotSupportedError");
}
