import type { CognitoLogin } from "./cognito-login.ts";
import type { DemoStore } from "./demo-store.ts";
import type { PasskeyBackend } from "./passkey-backend.ts";
import type { SessionManager } from "./session-manager.ts";

/** What {@link createDemoServer} and {@link createApiRouter} are built from. */
export interface DemoServerOptions {
	/** `@latchkey/node`'s `Latchkey`, holding the secret key. */
	latchkey: PasskeyBackend;
	store: DemoStore;
	sessions: SessionManager;
	/**
	 * What the browser needs for `@latchkey/client`: Latchkey's URL and the public key, and which flow the log in
	 * page uses (`cognito` with {@link DemoServerOptions.cognito}).
	 */
	publicConfig: { apiUrl: string; apiKey: string; signin?: "latchkey" | "cognito" };
	/** Log in through Cognito's USER_AUTH / WEB_AUTHN API (`/api/cognito/*`, ID tokens at `/api/signin`). */
	cognito?: CognitoLogin;
	/** The production build to serve, or `null` for the API only. */
	staticDir: string | null;
	/** The clock. @default () => new Date() */
	now?: () => Date;
	/** Where unexpected errors are written. @default console.error */
	log?: (message: string, error: unknown) => void;
}
