/**
 * The public API's wire schemas (passwordless.dev shapes): the routes validate and filter with them, and the
 * ceremonies take the validated bodies as their `Static` types. They sit below both (issue 16: no upward imports) and
 * stay in the server: TypeBox schemas are runtime values, and @latchkey/protocol, which the browser SDK imports, has
 * no runtime dependencies. Its wire types are checked against these schemas in `schemas.test.ts`.
 */
import { type Static, Type } from "@sinclair/typebox";

/** `Origin` and `RPID`, sent in the body of every public request (any casing). */
const Party = {
	RPID: Type.Optional(Type.String({ maxLength: 253 })),
	Origin: Type.Optional(Type.String({ maxLength: 2048 })),
};

const Bytes = Type.String({ maxLength: 65536 });

/** A PRF evaluation input (salt) as a backend sends it: base64url. */
const PrfInput = Type.String({ minLength: 1, maxLength: 256, pattern: "^[A-Za-z0-9_-]+$" });
const PrfEval = Type.Object({ first: PrfInput, second: Type.Optional(PrfInput) }, { additionalProperties: false });

/** `extensions` of a register or sign-in token (a Latchkey extension; protocol `TokenExtensions`): only `prf`. */
export const TokenExtensions = Type.Object(
	{ prf: Type.Optional(Type.Object({ eval: PrfEval }, { additionalProperties: false })) },
	{ additionalProperties: false },
);

const Hints = Type.Optional(Type.Union([Type.Array(Type.String({ maxLength: 32 }), { maxItems: 3 }), Type.Null()]));

export const RegisterTokenBody = Type.Object({
	userId: Type.String({ minLength: 1, maxLength: 256 }),
	username: Type.String({ minLength: 1, maxLength: 256 }),
	displayName: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
	attestation: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
	authenticatorType: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
	discoverable: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
	userVerification: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
	expiresAt: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
	aliases: Type.Optional(Type.Union([Type.Array(Type.String({ minLength: 1, maxLength: 250 }), { maxItems: 10 }), Type.Null()])),
	aliasHashing: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
	hints: Hints,
	extensions: Type.Optional(Type.Union([TokenExtensions, Type.Null()])),
});
export type RegisterTokenBody = Static<typeof RegisterTokenBody>;

export const TokenReply = Type.Object({ token: Type.String() });

/** `POST /signin/token` (a Latchkey extension): a single-use token that starts a sign-in bound to one user. */
export const SigninTokenBody = Type.Object({
	userId: Type.String({ minLength: 1, maxLength: 256 }),
	purpose: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
	expiresAt: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
	userVerification: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
	/** Overrides the purpose's hints (`security-key`, `client-device`, `hybrid`). */
	hints: Hints,
	extensions: Type.Optional(Type.Union([TokenExtensions, Type.Null()])),
});
export type SigninTokenBody = Static<typeof SigninTokenBody>;

export const RegisterBeginBody = Type.Object({ token: Type.Optional(Type.String({ maxLength: 512 })), ...Party });
export type RegisterBeginBody = Static<typeof RegisterBeginBody>;

const Descriptor = Type.Object({
	type: Type.Literal("public-key"),
	id: Type.String(),
	transports: Type.Optional(Type.Array(Type.String())),
});

export const RegisterBeginReply = Type.Object({
	data: Type.Object({
		rp: Type.Object({ id: Type.String(), name: Type.String() }),
		user: Type.Object({ name: Type.String(), id: Type.String(), displayName: Type.String() }),
		challenge: Type.String(),
		pubKeyCredParams: Type.Array(Type.Object({ type: Type.Literal("public-key"), alg: Type.Integer() })),
		timeout: Type.Integer(),
		attestation: Type.String(),
		attestationFormats: Type.Array(Type.String()),
		authenticatorSelection: Type.Object({
			residentKey: Type.String(),
			requireResidentKey: Type.Boolean(),
			userVerification: Type.String(),
			authenticatorAttachment: Type.Optional(Type.String()),
		}),
		hints: Type.Array(Type.String()),
		excludeCredentials: Type.Array(Descriptor),
		extensions: Type.Object({ credProps: Type.Boolean(), prf: Type.Optional(Type.Object({ eval: PrfEval })) }),
	}),
	session: Type.String(),
});

const Extensions = Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]));

export const RegisterCompleteBody = Type.Object({
	session: Type.Optional(Type.String({ maxLength: 512 })),
	response: Type.Object({
		id: Type.String({ minLength: 1, maxLength: 1400 }),
		rawId: Type.String({ minLength: 1, maxLength: 1400 }),
		type: Type.String({ maxLength: 32 }),
		authenticatorAttachment: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
		clientExtensionResults: Extensions,
		extensions: Extensions,
		response: Type.Object({
			attestationObject: Bytes,
			clientDataJSON: Bytes,
			transports: Type.Optional(Type.Union([Type.Array(Type.String({ maxLength: 32 }), { maxItems: 16 }), Type.Null()])),
		}),
	}),
	nickname: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
	...Party,
});
export type RegisterCompleteBody = Static<typeof RegisterCompleteBody>;

export const SigninBeginBody = Type.Object({
	userId: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
	alias: Type.Optional(Type.Union([Type.String({ maxLength: 250 }), Type.Null()])),
	purpose: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
	/** A `signin_` token from `POST /signin/token` (a Latchkey extension); alone, without userId, alias or purpose. */
	token: Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()])),
	...Party,
});
export type SigninBeginBody = Static<typeof SigninBeginBody>;

export const SigninBeginReply = Type.Object({
	data: Type.Object({
		challenge: Type.String(),
		timeout: Type.Integer(),
		rpId: Type.String(),
		allowCredentials: Type.Array(Descriptor),
		userVerification: Type.String(),
		hints: Type.Array(Type.String()),
		extensions: Type.Optional(Type.Object({ prf: Type.Object({ eval: PrfEval }) })),
	}),
	session: Type.String(),
});

export const SigninCompleteBody = Type.Object({
	session: Type.Optional(Type.String({ maxLength: 512 })),
	response: Type.Object({
		id: Type.String({ minLength: 1, maxLength: 1400 }),
		rawId: Type.String({ minLength: 1, maxLength: 1400 }),
		type: Type.String({ maxLength: 32 }),
		authenticatorAttachment: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
		clientExtensionResults: Extensions,
		extensions: Extensions,
		response: Type.Object({
			authenticatorData: Bytes,
			clientDataJSON: Bytes,
			signature: Bytes,
			userHandle: Type.Optional(Type.Union([Type.String({ maxLength: 1400 }), Type.Null()])),
		}),
	}),
	...Party,
});
export type SigninCompleteBody = Static<typeof SigninCompleteBody>;

export const VerifyBody = Type.Object({ token: Type.Optional(Type.String({ maxLength: 512 })) });
export type VerifyBody = Static<typeof VerifyBody>;

/** The verify-token object (reference §4.2, `VerifiedUserJson` in @latchkey/protocol): all 13 members, always present. */
export const VerifiedUser = Type.Object({
	userId: Type.String(),
	timestamp: Type.String(),
	rpId: Type.String(),
	origin: Type.String(),
	success: Type.Boolean(),
	device: Type.String(),
	country: Type.String(),
	nickname: Type.Union([Type.String(), Type.Null()]),
	credentialId: Type.String(),
	purpose: Type.Union([Type.String(), Type.Null()]),
	expiresAt: Type.String(),
	tokenId: Type.String(),
	type: Type.String(),
});
