// The backend on its own (`npm start -w @latchkey/angular-express`), every setting from the environment (see
// app-config.ts). `npm run start:angular` at the repository root runs start.ts instead, which also starts Latchkey.
import { loadAppConfig } from "./app-config.ts";
import { startAppServer } from "./start-app-server.ts";

try {
	const server = await startAppServer(loadAppConfig(process.env));
	console.log(`Angular + Express passkey app listening. Open ${server.url}`);
	const stop = (): void => {
		void server.close().then(() => process.exit(0));
	};
	process.once("SIGINT", stop);
	process.once("SIGTERM", stop);
} catch (error) {
	console.error(`angular-express: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
