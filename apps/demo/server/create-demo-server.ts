import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Express } from "express";
import { createApiRouter } from "./create-api-router.ts";
import type { DemoServerOptions } from "./demo-server-options.ts";
import { handleError } from "./handle-error.ts";

/**
 * Builds the demo's Express app: the JSON API under `/api`, the production build of the front end (with the
 * single-page fallback to `index.html`), security headers, and one error handler.
 * @param options - see {@link DemoServerOptions}
 * @example
 * createDemoServer({ latchkey, store, sessions, publicConfig, staticDir: "apps/demo/dist" }).listen(3000);
 */
export function createDemoServer(options: DemoServerOptions): Express {
	const app = express();
	app.disable("x-powered-by");
	const latchkeyOrigin = new URL(options.publicConfig.apiUrl).origin;
	app.use((_req, res, next) => {
		res.set({
			"Content-Security-Policy": [
				"default-src 'self'",
				`connect-src 'self' ${latchkeyOrigin}`,
				"img-src 'self' data:",
				"style-src 'self'",
				"frame-ancestors 'none'",
				"base-uri 'self'",
				"form-action 'self'",
			].join("; "),
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy": "same-origin",
			"Cross-Origin-Opener-Policy": "same-origin",
		});
		next();
	});
	app.use("/api", createApiRouter(options));
	const { staticDir } = options;
	if (staticDir) {
		app.use(express.static(staticDir, { index: false, maxAge: "1h" }));
		const indexFile = join(staticDir, "index.html");
		app.use((req, res, next) => {
			if (req.method !== "GET" && req.method !== "HEAD") return next();
			if (!existsSync(indexFile)) return res.status(503).type("text/plain").send("The front end is not built yet: run `npm run build`.");
			res.set("Cache-Control", "no-cache").sendFile(indexFile);
		});
	}
	app.use(handleError(options.log ?? ((message, error) => console.error(message, error))));
	return app;
}
