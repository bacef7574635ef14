import type { DemoStore } from "./demo-store.ts";
import type { PasskeyBackend } from "./passkey-backend.ts";
import type { SessionManager } from "./session-manager.ts";

/** What {@link createDemoServer} and {@link createApiRouter} are built from. */
export interface DemoServerOptions {
	/** `@latchkey/node`'s `Latchkey`, holding the secret key. */
	latchkey: PasskeyBackend;
	store: DemoStore;
	sessions: SessionManager;
	/** What the browser needs for `@latchkey/client`: Latchkey's URL and the public key. */
	publicConfig: { apiUrl: string; apiKey: string };
	/** The production build to serve, or `null` for the API only. */
	staticDir: string | null;
	/** The clock. @default () => new Date() */
	now?: () => Date;
	/** Where unexpected errors are written. @default console.error */
	log?: (message: string, error: unknown) => void;
}
