import type { FastifyBaseLogger } from "fastify";
import type { AuthenticatorNames } from "./authenticators/authenticator-names.ts";
import type { Clock } from "./clock.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { MdsSource } from "./mds/mds-catalog.ts";
import type { Random } from "./random.ts";
import type { SignatureVerifier } from "./signatures/signature-verifier.ts";
import type { Store } from "./store/store.ts";

// Clock and Random are defined beside their implementations, below the store, so that a store decorator can take a
// clock without importing Deps (which imports the store); they stay importable from here with the rest of Deps.
export type { Clock, Random };

/** Everything the app needs from the outside world; built only by `main.ts` (or by a test). */
export interface Deps {
	store: Store;
	clock: Clock;
	random: Random;
	logger: FastifyBaseLogger;
	/**
	 * Where sign-in signatures are checked: `createSignatureVerifier({ threads })` — on signature threads, or with
	 * `threads: 0` on the request thread. Whoever builds it warms it after listening and closes it at shutdown.
	 */
	signatures: SignatureVerifier;
	/** The imported FIDO metadata (`latchkey mds import`), cached: `createMdsSource(store, clock)`. */
	mds: MdsSource;
	/**
	 * Passkey provider names by AAGUID, for `authenticatorName` in `/credentials/list`. Absent: the table shipped in
	 * `data/authenticator-names.json` (read at the first lookup).
	 */
	authenticatorNames?: AuthenticatorNames;
	/** Where magic-link mail goes (`createSmtpMailer` from `LATCHKEY_SMTP_URL`). Absent: `/magic-links/send` answers 503 `email_not_configured`. */
	mailer?: Mailer;
}
