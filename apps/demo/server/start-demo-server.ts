import type { AddressInfo } from "node:net";
import { Latchkey } from "@latchkey/node";
import { createCognitoLogin } from "./cognito-login.ts";
import { createDemoServer } from "./create-demo-server.ts";
import type { DemoConfig } from "./demo-config.ts";
import { createDemoStore } from "./demo-store.ts";
import { createSessionManager } from "./session-manager.ts";

/** A listening demo backend. */
export interface RunningDemo {
	/** `http://localhost:<port>`: open this one (passkeys need the `localhost` RP ID, not 127.0.0.1). */
	url: string;
	close(): Promise<void>;
}

/**
 * Starts the demo backend: `@latchkey/node` with the secret key, the store, the session manager, and the Express app
 * serving the API and the production build; with `config.cognito`, the log in page's Cognito flow (AWS SDK).
 * @param config - from `loadDemoConfig`
 * @example
 * const demo = await startDemoServer(loadDemoConfig(process.env));
 * console.log(`Open ${demo.url}`);
 */
export async function startDemoServer(config: DemoConfig): Promise<RunningDemo> {
	const app = createDemoServer({
		latchkey: new Latchkey({ apiUrl: config.latchkeyApiUrl, apiSecret: config.apiSecret }),
		store: createDemoStore(config.dataFile),
		sessions: createSessionManager({ secret: config.sessionSecret }),
		publicConfig: { apiUrl: config.latchkeyApiUrl, apiKey: config.apiKey, signin: config.cognito ? "cognito" : "latchkey" },
		staticDir: config.staticDir,
		...(config.cognito ? { cognito: createCognitoLogin({ endpoint: config.latchkeyApiUrl, ...config.cognito }) } : {}),
	});
	const server = app.listen(config.port, config.host);
	await new Promise<void>((resolve, reject) => {
		server.once("listening", resolve);
		server.once("error", reject);
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://localhost:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
