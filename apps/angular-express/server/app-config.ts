import { fileURLToPath } from "node:url";

/** The backend's settings, read from the environment by {@link loadAppConfig}. */
export interface AppConfig {
	/** Latchkey's base URL, for this backend and for the browser. */
	latchkeyApiUrl: string;
	/** The app's public key, handed to the browser by `GET /api/config`. */
	apiKey: string;
	/** The app's secret key; it never leaves this backend. */
	apiSecret: string;
	/** Signs the session cookie (HS256) and keys the ids of unknown e-mails; at least 32 characters. */
	sessionSecret: string;
	port: number;
	host: string;
	/** The Angular production build (its browser/ folder). */
	staticDir: string;
	/** JSON file of the users; `null` keeps them in memory. */
	usersFile: string | null;
}

const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../dist/browser", import.meta.url));

function required(env: Record<string, string | undefined>, name: string): string {
	const value = env[name]?.trim();
	if (!value) throw new Error(`${name} is required (\`npm run start:angular\` at the repository root sets it for you)`);
	return value;
}

/**
 * Reads `LATCHKEY_API_URL`, `LATCHKEY_API_KEY`, `LATCHKEY_API_SECRET`, `APP_SESSION_SECRET` (≥ 32 characters),
 * `APP_PORT` (@default 4200), `APP_HOST` (@default 127.0.0.1), `APP_STATIC_DIR` (@default apps/angular-express/dist/browser)
 * and `APP_USERS_FILE` (@default in memory).
 * @param env - usually `process.env`
 * @throws Error naming the first missing or invalid variable
 * @example
 * const config = loadAppConfig(process.env);
 */
export function loadAppConfig(env: Record<string, string | undefined>): AppConfig {
	const latchkeyApiUrl = required(env, "LATCHKEY_API_URL").replace(/\/+$/, "");
	if (!/^https?:\/\/[^/]+/.test(latchkeyApiUrl)) throw new Error("LATCHKEY_API_URL must be an http(s) URL");
	const sessionSecret = required(env, "APP_SESSION_SECRET");
	if (sessionSecret.length < 32) throw new Error("APP_SESSION_SECRET must be at least 32 characters");
	const port = Number(env.APP_PORT ?? "4200");
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("APP_PORT must be a port number");
	return {
		latchkeyApiUrl,
		apiKey: required(env, "LATCHKEY_API_KEY"),
		apiSecret: required(env, "LATCHKEY_API_SECRET"),
		sessionSecret,
		port,
		host: env.APP_HOST?.trim() || "127.0.0.1",
		staticDir: env.APP_STATIC_DIR?.trim() || DEFAULT_STATIC_DIR,
		usersFile: env.APP_USERS_FILE?.trim() || null,
	};
}
