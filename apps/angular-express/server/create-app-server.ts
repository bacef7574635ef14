import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Express } from "express";
import type { AppServerOptions } from "./app-server-options.ts";
import { createApiRouter } from "./create-api-router.ts";
import { handleError } from "./handle-error.ts";

/**
 * The Express app: the JSON API under `/api`, the Angular production build from the same origin (every other GET
 * answers its index.html), security headers (a CSP that lets the page reach only itself and Latchkey), one error
 * handler.
 * @param options - see {@link AppServerOptions}
 * @example
 * createAppServer({ latchkey, users, sessions, userIdSecret, publicConfig, staticDir: "apps/angular-express/dist/browser" }).listen(4200);
 */
export function createAppServer(options: AppServerOptions): Express {
	const app = express();
	app.disable("x-powered-by");
	const csp = [
		"default-src 'self'",
		`connect-src 'self' ${new URL(options.publicConfig.apiUrl).origin}`,
		"img-src 'self' data:",
		"style-src 'self'",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"form-action 'self'",
	].join("; ");
	app.use((_req, res, next) => {
		res.set({ "Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
		next();
	});
	app.use("/api", createApiRouter(options));
	const { staticDir } = options;
	if (staticDir) {
		const index = join(staticDir, "index.html");
		app.use(express.static(staticDir, { index: false, maxAge: "1h" }));
		app.get("/{*path}", (_req, res) => {
			if (!existsSync(index)) {
				res
					.status(503)
					.type("text/plain")
					.send("The Angular front end is not built yet: run `npm run build -w @latchkey/angular-express`.");
				return;
			}
			res.set("Cache-Control", "no-cache").sendFile(index);
		});
	}
	app.use(handleError(options.log ?? ((message, error) => console.error(message, error))));
	return app;
}
