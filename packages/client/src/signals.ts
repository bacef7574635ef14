export type { AllAcceptedCredentialsOptions } from "./signal-all-accepted-credentials.ts";
export { signalAllAcceptedCredentials } from "./signal-all-accepted-credentials.ts";
export type { CurrentUserDetailsOptions } from "./signal-current-user-details.ts";
export { signalCurrentUserDetails } from "./signal-current-user-details.ts";
export type { UnknownCredentialOptions } from "./signal-unknown-credential.ts";
export { signalUnknownCredential } from "./signal-unknown-credential.ts";
