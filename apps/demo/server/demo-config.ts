import { fileURLToPath } from "node:url";

/** Everything the demo backend needs, read from the environment by {@link loadDemoConfig}. */
export interface DemoConfig {
	/** Latchkey's base URL, for the backend and the browser (CORS allows any origin). */
	latchkeyApiUrl: string;
	/** The app's public key, handed to the front end by `GET /api/config`. */
	apiKey: string;
	/** The app's secret key; it never leaves the backend. */
	apiSecret: string;
	/** HS256 key of the session JWTs (at least 32 characters). */
	sessionSecret: string;
	port: number;
	host: string;
	/** The production build of the front end. */
	staticDir: string;
	/** JSON file for users and payments; `null` keeps them in memory. */
	dataFile: string | null;
	/** Log in through the Cognito-style API of this user pool (`latchkey pool create`) instead of the Passwordless.dev API. */
	cognito: { userPoolId: string; clientId: string; issuer?: string } | null;
}

const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../dist", import.meta.url));

function required(env: Record<string, string | undefined>, name: string): string {
	const value = env[name]?.trim();
	if (!value) throw new Error(`${name} is required (run \`npm start\` at the repository root to have it set for you)`);
	return value;
}

function cognitoOf(env: Record<string, string | undefined>): DemoConfig["cognito"] {
	const userPoolId = env.DEMO_COGNITO_USER_POOL_ID?.trim();
	if (!userPoolId) return null;
	if (!/^[a-z]{2}(-[a-z]+)+-\d+_[A-Za-z0-9]+$/.test(userPoolId))
		throw new Error("DEMO_COGNITO_USER_POOL_ID must look like us-east-1_Latchkey1");
	const issuer = env.DEMO_COGNITO_ISSUER?.trim();
	return { userPoolId, clientId: required(env, "DEMO_COGNITO_CLIENT_ID"), ...(issuer ? { issuer } : {}) };
}

/**
 * Reads the demo's settings: `LATCHKEY_API_URL`, `LATCHKEY_API_KEY`, `LATCHKEY_API_SECRET`, `DEMO_SESSION_SECRET`,
 * `DEMO_PORT` (default 3000), `DEMO_HOST` (default 127.0.0.1), `DEMO_STATIC_DIR` (default `apps/demo/dist`),
 * `DEMO_DATA_FILE` (default: in memory), and for a Cognito-style log in `DEMO_COGNITO_USER_POOL_ID` with
 * `DEMO_COGNITO_CLIENT_ID` (and optionally `DEMO_COGNITO_ISSUER`; default `<LATCHKEY_API_URL>/<pool id>`).
 * @param env - the environment, usually `process.env`
 * @throws Error naming the first missing or invalid variable
 * @example
 * const config = loadDemoConfig(process.env);
 */
export function loadDemoConfig(env: Record<string, string | undefined>): DemoConfig {
	const latchkeyApiUrl = required(env, "LATCHKEY_API_URL").replace(/\/+$/, "");
	if (!/^https?:\/\//.test(latchkeyApiUrl)) throw new Error("LATCHKEY_API_URL must be an http(s) URL");
	const sessionSecret = required(env, "DEMO_SESSION_SECRET");
	if (sessionSecret.length < 32) throw new Error("DEMO_SESSION_SECRET must be at least 32 characters");
	const port = Number(env.DEMO_PORT ?? "3000");
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("DEMO_PORT must be a port number");
	return {
		latchkeyApiUrl,
		apiKey: required(env, "LATCHKEY_API_KEY"),
		apiSecret: required(env, "LATCHKEY_API_SECRET"),
		sessionSecret,
		port,
		host: env.DEMO_HOST?.trim() || "127.0.0.1",
		staticDir: env.DEMO_STATIC_DIR?.trim() || DEFAULT_STATIC_DIR,
		dataFile: env.DEMO_DATA_FILE?.trim() || null,
		cognito: cognitoOf(env),
	};
}
