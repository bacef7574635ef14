export type {
	AcceptedCredentialsSignal,
	AliasPointer,
	AttestationConveyancePreference,
	AuthenticatorType,
	PublicKeyCredentialHint,
	TokenExtensions,
	TokenResponse,
	UserDetailsSignal,
	UserVerificationRequirement,
} from "@latchkey/protocol";
export type { AppFeatures } from "./app-features.ts";
export type { AuthConfig } from "./auth-config.ts";
export type { AuthConfigOptions, DeleteAuthConfigOptions } from "./auth-config-options.ts";
export type { CreateSigninTokenOptions } from "./create-signin-token-options.ts";
export type { Credential } from "./credential.ts";
export type { ApplicationEvent, EventLog } from "./event-log.ts";
export { isLatchkeyError } from "./is-latchkey-error.ts";
export { Latchkey } from "./latchkey.ts";
export type { LatchkeyClientErrorCode, LatchkeyErrorInit } from "./latchkey-error.ts";
export { CLIENT_ERRORS, LatchkeyError } from "./latchkey-error.ts";
export type { LatchkeyErrorCode } from "./latchkey-error-code.ts";
export type { FetchFunction, LatchkeyOptions } from "./latchkey-options.ts";
export type { ListEventsOptions } from "./list-events-options.ts";
export type { MagicLinkOptions } from "./magic-link-options.ts";
export type { ProblemDetails } from "./problem-details.ts";
export type { RegisterOptions } from "./register-options.ts";
export type { SetAliasesOptions } from "./set-aliases-options.ts";
export type { SigninTokenOptions } from "./signin-token-options.ts";
export type { UserSummary } from "./user-summary.ts";
export type { VerifiedUser, VerifiedUserJSON } from "./verified-user.ts";
