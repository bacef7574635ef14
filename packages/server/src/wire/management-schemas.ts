/** The management API's wire schemas (secret-key routes); see `schemas.ts` for why they live in `wire/`. */
import { type Static, Type } from "@sinclair/typebox";

const UserId = Type.String({ maxLength: 256 });

export const GenerateTokenBody = Type.Object({
	userId: Type.String({ minLength: 1, maxLength: 256 }),
	timeToLive: Type.Optional(Type.Integer({ minimum: 1, maximum: 604800 })),
	purpose: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
	RPID: Type.Optional(Type.Union([Type.String({ maxLength: 253 }), Type.Null()])),
	Origin: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
});
export type GenerateTokenBody = Static<typeof GenerateTokenBody>;

export const MagicLinkBody = Type.Object({
	emailAddress: Type.String({ minLength: 3, maxLength: 320 }),
	urlTemplate: Type.String({ minLength: 1, maxLength: 2048 }),
	userId: Type.String({ minLength: 1, maxLength: 256 }),
	timeToLive: Type.Optional(Type.Integer({ minimum: 1, maximum: 604800 })),
	purpose: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
	/** A Latchkey extension: the mail's language, `en` (default) or `ja` (`ja-JP` and the like count as `ja`). */
	language: Type.Optional(Type.Union([Type.String({ maxLength: 35 }), Type.Null()])),
});
export type MagicLinkBody = Static<typeof MagicLinkBody>;

export const SetAliasesBody = Type.Object({
	userId: Type.String({ minLength: 1, maxLength: 256 }),
	aliases: Type.Array(Type.String({ minLength: 1, maxLength: 250 }), { maxItems: 10 }),
	hashing: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
});
export type SetAliasesBody = Static<typeof SetAliasesBody>;

export const UserIdQuery = Type.Object({ userId: UserId });
export type UserIdQuery = Static<typeof UserIdQuery>;

export const UserIdBody = Type.Object({ userId: UserId });
export type UserIdBody = Static<typeof UserIdBody>;

export const AliasList = Type.Object({
	values: Type.Array(
		Type.Object({
			userId: Type.String(),
			alias: Type.String(),
			plaintext: Type.Union([Type.String(), Type.Null()]),
			tenant: Type.String(),
		}),
	),
});

/** One passkey as `/credentials/list` and `/credentials/get` answer it. */
export const CredentialItem = Type.Object({
	descriptor: Type.Object({
		type: Type.Literal("public-key"),
		id: Type.String(),
		transports: Type.Optional(Type.Array(Type.String())),
	}),
	publicKey: Type.String(),
	userHandle: Type.String(),
	signatureCounter: Type.Integer(),
	attestationFmt: Type.String(),
	createdAt: Type.String(),
	aaGuid: Type.String(),
	lastUsedAt: Type.String(),
	rpid: Type.String(),
	origin: Type.String(),
	country: Type.String(),
	device: Type.String(),
	nickname: Type.Union([Type.String(), Type.Null()]),
	userId: Type.String(),
	backupState: Type.Boolean(),
	isBackupEligible: Type.Boolean(),
	isDiscoverable: Type.Union([Type.Boolean(), Type.Null()]),
	prfSupported: Type.Boolean({
		description: "Latchkey extension: the passkey supports the PRF extension (prf.enabled at registration or PRF results at a sign-in).",
	}),
	authenticatorName: Type.Optional(
		Type.String({
			description: "Latchkey extension: the passkey provider's name from the AAGUID (e.g. Google Password Manager); absent when unknown.",
		}),
	),
	attestationTrust: Type.Optional(
		Type.Object(
			{
				trusted: Type.Boolean(),
				reason: Type.String(),
				certified: Type.Optional(Type.Boolean()),
				metadataStatus: Type.Optional(Type.String()),
			},
			{ description: "Latchkey extension: what the attestation proved at registration (docs/attestation.md)." },
		),
	),
});

export const CredentialList = Type.Object({ values: Type.Array(CredentialItem) });

export const DeleteCredentialBody = Type.Object({ credentialId: Type.String({ minLength: 1, maxLength: 1400 }) });
export type DeleteCredentialBody = Static<typeof DeleteCredentialBody>;

/** `POST /credentials/update` (Latchkey extension). */
export const UpdateCredentialBody = Type.Object({
	credentialId: Type.String({ minLength: 1, maxLength: 1400 }),
	/** Absent, null or blank clears the nickname (the wire treats null as "not given"). */
	nickname: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
});
export type UpdateCredentialBody = Static<typeof UpdateCredentialBody>;

/** `GET /credentials/get?credentialId=` (Latchkey extension). */
export const CredentialIdQuery = Type.Object({ credentialId: Type.String({ minLength: 1, maxLength: 1400 }) });
export type CredentialIdQuery = Static<typeof CredentialIdQuery>;

export const UserList = Type.Object({
	values: Type.Array(
		Type.Object({
			userId: Type.String(),
			aliasCount: Type.Integer(),
			aliases: Type.Array(Type.Union([Type.String(), Type.Null()])),
			credentialsCount: Type.Integer(),
			lastUsedAt: Type.Union([Type.String(), Type.Null()]),
		}),
	),
});

export const UserCount = Type.Object({ count: Type.Integer() });

export const EventsQuery = Type.Object({
	pageNumber: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Literal("")])),
	numberOfResults: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Literal("")])),
});
export type EventsQuery = Static<typeof EventsQuery>;

export const EventPage = Type.Object({
	tenantId: Type.String(),
	events: Type.Array(
		Type.Object({
			performedAt: Type.String(),
			message: Type.String(),
			performedBy: Type.String(),
			tenantId: Type.String(),
			eventType: Type.String(),
			severity: Type.String(),
			subject: Type.String(),
			apiKeyId: Type.String(),
		}),
	),
	totalEventCount: Type.Integer(),
});

const Purpose = Type.String({ minLength: 1, maxLength: 255, pattern: "^[A-Za-z0-9_-]+$" });
const Hints = Type.Array(Type.String({ maxLength: 32 }), { maxItems: 3 });

export const AuthConfigBody = Type.Object({
	purpose: Purpose,
	userVerificationRequirement: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
	timeToLive: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Integer({ minimum: 0 }), Type.Null()])),
	hints: Type.Optional(Type.Union([Hints, Type.Null()])),
	performedBy: Type.String({ minLength: 1, maxLength: 256 }),
});
export type AuthConfigBody = Static<typeof AuthConfigBody>;

export const AuthConfigDeleteBody = Type.Object({ purpose: Purpose, performedBy: Type.String({ minLength: 1, maxLength: 256 }) });
export type AuthConfigDeleteBody = Static<typeof AuthConfigDeleteBody>;

export const AuthConfigQuery = Type.Object({ purpose: Type.Optional(Type.String({ maxLength: 255 })) });
export type AuthConfigQuery = Static<typeof AuthConfigQuery>;

export const AuthConfigList = Type.Object({
	configurations: Type.Array(
		Type.Object({
			purpose: Type.String(),
			userVerificationRequirement: Type.String(),
			timeToLive: Type.Integer(),
			hints: Type.String(),
			createdBy: Type.String(),
			createdOn: Type.Union([Type.String(), Type.Null()]),
			editedBy: Type.Union([Type.String(), Type.Null()]),
			editedOn: Type.Union([Type.String(), Type.Null()]),
			lastUsedOn: Type.Union([Type.String(), Type.Null()]),
		}),
	),
});

export const FeaturesBody = Type.Object({
	eventLoggingRetentionPeriod: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 3650 }), Type.Null()])),
	enableManuallyGeneratedAuthenticationTokens: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
	enableMagicLinks: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
	performedBy: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
	/** Latchkey extensions: per-minute rate limits for this app (0 = none). */
	rateLimitPerIp: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
	rateLimitPerApp: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
	rateLimitPerKey: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
	/** Latchkey extensions: the default attestation conveyance, how attestation is judged, and the device-bound policy. */
	attestation: Type.Optional(
		Type.Union([Type.Literal("none"), Type.Literal("indirect"), Type.Literal("direct"), Type.Literal("enterprise")]),
	),
	attestationMode: Type.Optional(Type.Union([Type.Literal("permissive"), Type.Literal("strict")])),
	deviceBoundOnly: Type.Optional(Type.Boolean()),
	/** Latchkey extensions: related origins (other domains using the RP ID) and the pages allowed to embed ceremonies. */
	relatedOrigins: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 100 })),
	allowedTopOrigins: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 100 })),
});

/** `GET /apps/features`. */
export const Features = Type.Object({
	eventLoggingRetentionPeriod: Type.Integer(),
	enableManuallyGeneratedAuthenticationTokens: Type.Boolean(),
	enableMagicLinks: Type.Boolean(),
	rateLimitPerIp: Type.Union([Type.Integer(), Type.Null()]),
	rateLimitPerApp: Type.Union([Type.Integer(), Type.Null()]),
	rateLimitPerKey: Type.Union([Type.Integer(), Type.Null()]),
	attestation: Type.String(),
	attestationMode: Type.String(),
	deviceBoundOnly: Type.Boolean(),
	relatedOrigins: Type.Array(Type.String()),
	allowedTopOrigins: Type.Array(Type.String()),
});

/** `GET /apps/:appId/.well-known/webauthn`. */
export const AppIdParams = Type.Object({ appId: Type.String({ maxLength: 64 }) });
export type AppIdParams = Static<typeof AppIdParams>;
export const WellKnownWebauthn = Type.Object({ origins: Type.Array(Type.String()) });
export type FeaturesBody = Static<typeof FeaturesBody>;

export const Empty = Type.Null({ description: "No content" });

/** `GET /authenticators/list?isAllowed=true|false`. */
export const AuthenticatorListQuery = Type.Object({ isAllowed: Type.Optional(Type.Boolean({ default: true })) });
export type AuthenticatorListQuery = Static<typeof AuthenticatorListQuery>;

export const AuthenticatorList = Type.Array(Type.Object({ aaGuid: Type.String(), createdAt: Type.String({ format: "date-time" }) }));

const AaguidList = Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1000 });

/** `POST /authenticators/add`. */
export const AuthenticatorAddBody = Type.Object({ aaGuids: AaguidList, isAllowed: Type.Boolean() });
export type AuthenticatorAddBody = Static<typeof AuthenticatorAddBody>;

/** `POST /authenticators/remove`. */
export const AuthenticatorRemoveBody = Type.Object({ aaGuids: AaguidList });
export type AuthenticatorRemoveBody = Static<typeof AuthenticatorRemoveBody>;

/** `GET /signals/accepted-credentials` (a Latchkey extension): the user, and the RP ID (@default the app's). */
export const AcceptedCredentialsQuery = Type.Object({
	userId: Type.String({ minLength: 1, maxLength: 256 }),
	rpId: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
});
export type AcceptedCredentialsQuery = Static<typeof AcceptedCredentialsQuery>;

/** WebAuthn L3 `AllAcceptedCredentialsOptions`, ready for `PublicKeyCredential.signalAllAcceptedCredentials`. */
export const AcceptedCredentialsSignal = Type.Object({
	rpId: Type.String(),
	userId: Type.String(),
	allAcceptedCredentialIds: Type.Array(Type.String()),
});

/** `GET /signals/user-details` (a Latchkey extension): the user, their current names, and the RP ID. */
export const UserDetailsQuery = Type.Object({
	userId: Type.String({ minLength: 1, maxLength: 256 }),
	name: Type.String({ minLength: 1, maxLength: 256 }),
	displayName: Type.Optional(Type.String({ maxLength: 256 })),
	rpId: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
});
export type UserDetailsQuery = Static<typeof UserDetailsQuery>;

/** WebAuthn L3 `CurrentUserDetailsOptions`, ready for `PublicKeyCredential.signalCurrentUserDetails`. */
export const UserDetailsSignal = Type.Object({
	rpId: Type.String(),
	userId: Type.String(),
	name: Type.String(),
	displayName: Type.String(),
});
