import type { AddressInfo } from "node:net";
import { Latchkey } from "@latchkey/node";
import type { AppConfig } from "./app-config.ts";
import { createAppServer } from "./create-app-server.ts";
import { createSessionManager } from "./session-manager.ts";
import { createUserStore } from "./user-store.ts";

/** A listening backend. */
export interface RunningAppServer {
	/** `http://localhost:<port>`: passkeys need the RP ID `localhost`, so not 127.0.0.1. */
	url: string;
	close(): Promise<void>;
}

/**
 * Starts the backend: `@latchkey/node` with the secret key, the user store, the sessions, and the Express app that
 * serves the API and the Angular build.
 * @param config - from `loadAppConfig`
 * @example
 * const server = await startAppServer(loadAppConfig(process.env));
 * console.log(`Open ${server.url}`);
 */
export async function startAppServer(config: AppConfig): Promise<RunningAppServer> {
	const app = createAppServer({
		latchkey: new Latchkey({ apiUrl: config.latchkeyApiUrl, apiSecret: config.apiSecret }),
		users: createUserStore(config.usersFile),
		sessions: createSessionManager({ secret: config.sessionSecret }),
		userIdSecret: config.sessionSecret,
		publicConfig: { apiUrl: config.latchkeyApiUrl, apiKey: config.apiKey },
		staticDir: config.staticDir,
	});
	const server = app.listen(config.port, config.host);
	await new Promise<void>((resolve, reject) => {
		server.once("listening", resolve);
		server.once("error", reject);
	});
	return {
		url: `http://localhost:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
