// `npm run start:angular` at the repository root: Latchkey (embedded SQLite store, with its playground) plus this
// Angular + Express app, on a fresh clone too. Creates the app `angular` and its keys once
// (data/angular-app-keys.json) and a session secret (data/angular-session-secret), runs `ng build` when the build is
// missing or older than the sources, and prints the URL to open (http://localhost:4200).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readOrCreateSecret, runLocalStack } from "@latchkey/dev-stack";
import { loadAppConfig } from "./app-config.ts";
import { buildFrontEnd } from "./build-front-end.ts";
import { startAppServer } from "./start-app-server.ts";

const APP = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(APP, "dist");

await runLocalStack({
	command: "npm run start:angular",
	title: "Latchkey + Angular + Express: the passkey tutorial",
	repo: fileURLToPath(new URL("../../..", import.meta.url)),
	appId: "angular",
	keysFile: "angular-app-keys.json",
	frontEnd: {
		output: join(DIST, "browser", "index.html"),
		sources: [join(APP, "src"), join(APP, "angular.json"), join(APP, "tsconfig.app.json")],
		build: async () => {
			await buildFrontEnd(DIST);
		},
	},
	start: ({ apiUrl, keys, dataDir }) =>
		startAppServer(
			loadAppConfig({
				APP_USERS_FILE: join(dataDir, "angular-users.json"),
				...process.env,
				APP_STATIC_DIR: join(DIST, "browser"),
				LATCHKEY_API_URL: apiUrl,
				LATCHKEY_API_KEY: process.env.LATCHKEY_API_KEY ?? keys.apiKey,
				LATCHKEY_API_SECRET: process.env.LATCHKEY_API_SECRET ?? keys.apiSecret,
				APP_SESSION_SECRET: process.env.APP_SESSION_SECRET ?? readOrCreateSecret(join(dataDir, "angular-session-secret")),
			}),
		),
});
