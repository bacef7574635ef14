// The demo backend on its own (`npm start -w @latchkey/demo`): every setting comes from the environment (see
// demo-config.ts). `npm start` at the repository root runs start.ts instead, which also starts Latchkey.
import { loadDemoConfig } from "./demo-config.ts";
import { startDemoServer } from "./start-demo-server.ts";

try {
	const demo = await startDemoServer(loadDemoConfig(process.env));
	console.log(`Latchkey demo listening. Open ${demo.url}`);
	const stop = (): void => {
		demo.close().then(() => process.exit(0));
	};
	process.once("SIGINT", stop);
	process.once("SIGTERM", stop);
} catch (error) {
	console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
