import type { PasskeyBackend } from "./passkey-backend.ts";
import type { SessionManager } from "./session-manager.ts";
import type { UserStore } from "./user-store.ts";

/** What {@link createAppServer} and {@link createApiRouter} are built from. */
export interface AppServerOptions {
	/** `@latchkey/node`'s `Latchkey`, holding the secret key. */
	latchkey: PasskeyBackend;
	users: UserStore;
	sessions: SessionManager;
	/** Keys the ids of e-mails without an account (see `hiddenUserId`); the session secret will do. */
	userIdSecret: string;
	/** What the browser's `@latchkey/client` needs: Latchkey's URL and the app's public key. */
	publicConfig: { apiUrl: string; apiKey: string };
	/** The Angular production build to serve, or `null` for the API only. */
	staticDir: string | null;
	/** The clock. @default () => new Date() */
	now?: () => Date;
	/** Where unexpected errors go. @default console.error */
	log?: (message: string, error: unknown) => void;
}
