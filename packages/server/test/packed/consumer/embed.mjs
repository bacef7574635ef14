// The library entry point: Latchkey embedded in the consumer's own process, as the @latchkey/server README shows it.
// Creates an app, listens on a free port, checks /health/http and a register token, closes, and prints one JSON line.
import { buildApp, createApp, createDeps, loadConfig } from "@latchkey/server";

const config = loadConfig({ ...process.env, LATCHKEY_DATABASE_URL: "sqlite:./data/embedded.db", LATCHKEY_LOG_LEVEL: "warn" });
const deps = await createDeps(config);
const keys = (await deps.store.apps.findById("embedded"))
	? null
	: await createApp({ appId: "embedded", rpId: "localhost", allowedOrigins: ["http://localhost:8080"] }, deps);
const latchkey = buildApp(deps, config);
await latchkey.listen({ port: 0, host: "127.0.0.1" });
deps.signatures.warm();
const { port } = latchkey.server.address();
const url = `http://127.0.0.1:${port}`;

const health = await (await fetch(`${url}/health/http`)).json();
const tokenReply = await fetch(`${url}/register/token`, {
	method: "POST",
	headers: { "content-type": "application/json", ApiSecret: keys?.apiSecret ?? "" },
	body: JSON.stringify({ userId: "embedded-user", username: "embedded@example.com" }),
});
const { token } = await tokenReply.json();

await latchkey.close();
await deps.signatures.close();
await deps.store.close();
console.log(JSON.stringify({ health, appId: keys?.appId ?? null, tokenStatus: tokenReply.status, token: String(token).slice(0, 9) }));
