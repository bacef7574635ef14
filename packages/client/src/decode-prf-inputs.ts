import { fromBase64 } from "./from-base64.ts";

type Loose = Record<string, unknown>;

/**
 * Decodes the `prf` extension's evaluation inputs of begin options (`extensions.prf.eval.first`/`second`, base64url
 * as Latchkey sends them) to bytes, as `navigator.credentials.create`/`get` need. Other members pass through.
 * @param data - the begin response's `data` (creation or request options JSON)
 * @returns a copy with the inputs decoded, or `data` itself when it asks for no PRF evaluation
 * @example
 * decodePrfInputs({ challenge: "AQ", extensions: { prf: { eval: { first: "AQID" } } } });
 * // { challenge: "AQ", extensions: { prf: { eval: { first: Uint8Array [1, 2, 3] } } } }
 */
export function decodePrfInputs(data: unknown): unknown {
	const extensions = (data as Loose | undefined)?.extensions as Loose | undefined;
	const prf = extensions?.prf as Loose | undefined;
	const inputs = prf?.eval as Loose | undefined;
	if (!inputs) return data;
	const decoded: Loose = {};
	for (const [key, value] of Object.entries(inputs)) decoded[key] = typeof value === "string" ? fromBase64(value) : value;
	return { ...(data as Loose), extensions: { ...extensions, prf: { ...prf, eval: decoded } } };
}
