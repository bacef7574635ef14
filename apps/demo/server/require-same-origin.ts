import type { NextFunction, Request, Response } from "express";
import { DemoError } from "./demo-error.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF guard for state-changing requests (on top of the SameSite=Lax cookie): the `Origin` header must be this server's
 * own origin; a request without one passes only when the browser marks it `Sec-Fetch-Site: same-origin`.
 * @throws DemoError `bad_origin` (403) through `next`
 * @example
 * app.use("/api", requireSameOrigin);
 */
export function requireSameOrigin(req: Request, _res: Response, next: NextFunction): void {
	if (SAFE_METHODS.has(req.method)) {
		next();
		return;
	}
	const origin = req.get("origin");
	const own = `${req.protocol}://${req.get("host") ?? ""}`;
	const allowed = origin ? origin === own : req.get("sec-fetch-site") === "same-origin";
	next(allowed ? undefined : new DemoError("bad_origin", 403, "Cross-site request refused."));
}
