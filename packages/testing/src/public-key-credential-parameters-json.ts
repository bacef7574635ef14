/**
 * One entry of `pubKeyCredParams`.
 *
 * @example
 * ```ts
 * const param: PublicKeyCredentialParametersJSON = { type: "public-key", alg: -7 };
 * ```
 */
export interface PublicKeyCredentialParametersJSON {
	/** Always `"public-key"`. */
	type: "public-key";
	/** A COSE algorithm identifier. */
	alg: number;
}
