import type { Latchkey } from "@latchkey/node";

/** The part of `@latchkey/node`'s `Latchkey` the demo uses (so tests can hand in a stand-in). */
export type PasskeyBackend = Pick<
	Latchkey,
	| "createRegisterToken"
	| "verifyToken"
	| "listCredentials"
	| "deleteCredential"
	| "updateCredential"
	| "sendMagicLink"
	| "getAcceptedCredentialsSignal"
	| "getUserDetailsSignal"
>;
