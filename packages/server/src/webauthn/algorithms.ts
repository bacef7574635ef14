/**
 * The COSE algorithms offered at registration, in upstream's order (reference §3.1): EdDSA, ES256, RS256, PS256,
 * ES384, RS384, PS384, ES512, RS512, PS512.
 */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257, -37, -35, -258, -38, -36, -259, -39] as const;
