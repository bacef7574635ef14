import type { NextFunction, Request, Response } from "express";
import { AppError } from "./app-error.ts";

/**
 * Refuses state-changing requests from other sites (a CSRF guard on top of the SameSite=Lax cookie): a POST, PUT,
 * PATCH or DELETE must carry this server's own `Origin`, or, without one, `Sec-Fetch-Site: same-origin`.
 * @throws AppError `bad_origin` (403), through `next`
 * @example
 * router.use(sameOriginOnly);
 */
export function sameOriginOnly(req: Request, _res: Response, next: NextFunction): void {
	if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") {
		next();
		return;
	}
	const origin = req.get("origin");
	const ok = origin === undefined ? req.get("sec-fetch-site") === "same-origin" : origin === `${req.protocol}://${req.get("host")}`;
	next(ok ? undefined : new AppError("bad_origin", 403, "Cross-site request refused."));
}
