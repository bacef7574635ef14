// The demo's stand-in for Latchkey, plus what this backend calls beyond it: createSigninToken.
import { type FakePasskeyBackend, fakePasskeyBackend } from "../../demo/test/fake-passkey-backend.ts";
import type { PasskeyBackend } from "../server/passkey-backend.ts";

export { fakeCredential } from "../../demo/test/fake-passkey-backend.ts";

/** The fake, recording the user ids it issued sign-in tokens for. */
export interface FakeLatchkey extends FakePasskeyBackend, PasskeyBackend {
	signinTokensFor: string[];
	registerTokensFor: string[];
}

/** Creates the fake; `now` stamps sign-ins that name no timestamp. */
export function fakeLatchkey(now: () => Date): FakeLatchkey {
	const base = fakePasskeyBackend(now);
	const signinTokensFor: string[] = [];
	const registerTokensFor: string[] = [];
	return {
		...base,
		signinTokensFor,
		registerTokensFor,
		async createRegisterToken(options) {
			registerTokensFor.push(options.userId);
			return base.createRegisterToken(options);
		},
		async createSigninToken(options) {
			signinTokensFor.push(options.userId);
			return { token: `signin_${"x".repeat(43)}` };
		},
	};
}
