// `npm start` at the repository root: Latchkey (embedded SQLite store, with its playground) plus the demo, on a fresh
// clone too. Creates the demo app and its keys once (data/demo-app-keys.json) and a session secret
// (data/demo-session-secret), builds the front end when there is no current build, and prints the URL to open.
// The steps are @latchkey/dev-stack's runLocalStack, shared with apps/angular-express.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readOrCreateSecret, runLocalStack } from "@latchkey/dev-stack";
import { buildFrontEnd } from "./build-front-end.ts";
import { loadDemoConfig } from "./demo-config.ts";
import { startDemoServer } from "./start-demo-server.ts";

const DEMO = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(DEMO, "dist");

await runLocalStack({
	command: "npm start",
	title: "Latchkey demo: Payment Dashboard",
	repo: fileURLToPath(new URL("../../..", import.meta.url)),
	appId: "demo",
	keysFile: "demo-app-keys.json",
	frontEnd: { output: join(DIST, "index.html"), sources: [join(DEMO, "src"), join(DEMO, "index.html")], build: () => buildFrontEnd(DIST) },
	start: ({ apiUrl, keys, dataDir }) =>
		startDemoServer(
			loadDemoConfig({
				DEMO_DATA_FILE: join(dataDir, "demo-store.json"),
				DEMO_STATIC_DIR: DIST,
				...process.env,
				LATCHKEY_API_URL: apiUrl,
				LATCHKEY_API_KEY: process.env.LATCHKEY_API_KEY ?? keys.apiKey,
				LATCHKEY_API_SECRET: process.env.LATCHKEY_API_SECRET ?? keys.apiSecret,
				DEMO_SESSION_SECRET: process.env.DEMO_SESSION_SECRET ?? readOrCreateSecret(join(dataDir, "demo-session-secret")),
			}),
		),
});
