import { isLatchkeyError } from "@latchkey/node";
import type { NextFunction, Request, Response } from "express";
import { DemoError } from "./demo-error.ts";

/**
 * Builds the Express error handler: every failure becomes `{ error: { code, message, fields? } }` with a status.
 * Latchkey being unreachable is a 503 the UI can explain; anything unexpected is logged and a plain 500.
 * @param log - where unexpected errors go
 * @example
 * app.use(handleError(console.error));
 */
export function handleError(
	log: (message: string, error: unknown) => void,
): (error: unknown, req: Request, res: Response, next: NextFunction) => void {
	return (error, req, res, _next) => {
		let problem: DemoError;
		if (error instanceof DemoError) problem = error;
		else if (isLatchkeyError(error) && (error.errorCode === "network_error" || error.errorCode === "timeout" || error.status >= 500)) {
			log(`Latchkey failed during ${req.method} ${req.path}`, error);
			problem = new DemoError("latchkey_unreachable", 503, "The passkey server could not be reached.");
		} else if ((error as { type?: string } | null)?.type === "entity.parse.failed") {
			problem = new DemoError("invalid_json", 400, "The request body is not valid JSON.");
		} else {
			log(`Unexpected error during ${req.method} ${req.path}`, error);
			problem = new DemoError("internal_error", 500, "Something went wrong on our side.");
		}
		res
			.status(problem.status)
			.json({ error: { code: problem.code, message: problem.message, ...(problem.fields ? { fields: problem.fields } : {}) } });
	};
}
