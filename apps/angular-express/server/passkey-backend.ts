import type { Latchkey } from "@latchkey/node";

/** The part of `@latchkey/node`'s `Latchkey` this backend calls (tests hand in a stand-in). */
export type PasskeyBackend = Pick<
	Latchkey,
	"createRegisterToken" | "createSigninToken" | "verifyToken" | "listCredentials" | "deleteCredential"
>;
