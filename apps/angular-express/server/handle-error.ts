import { isLatchkeyError } from "@latchkey/node";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "./app-error.ts";

/** Maps any failure to the AppError sent for it. */
function toAppError(error: unknown, req: Request, log: (message: string, error: unknown) => void): AppError {
	if (error instanceof AppError) return error;
	if ((error as { type?: unknown } | null)?.type === "entity.parse.failed")
		return new AppError("invalid_json", 400, "The request body is not valid JSON.");
	if (isLatchkeyError(error) && (error.status === 0 || error.status >= 500)) {
		log(`Latchkey failed during ${req.method} ${req.path}`, error);
		return new AppError("latchkey_unreachable", 503, "The passkey service could not be reached; try again shortly.");
	}
	log(`Unexpected error during ${req.method} ${req.path}`, error);
	return new AppError("internal_error", 500, "Something went wrong on our side.");
}

/**
 * The Express error handler: every failure becomes `{ error: { code, message } }` with its status; Latchkey being
 * down is a 503 the UI can explain, a body that is not JSON a 400, and only the unexpected a logged 500.
 * @param log - where unexpected errors go
 * @example
 * app.use(handleError(console.error));
 */
export function handleError(
	log: (message: string, error: unknown) => void,
): (error: unknown, req: Request, res: Response, next: NextFunction) => void {
	return (error, req, res, _next) => {
		const problem = toAppError(error, req, log);
		res.status(problem.status).json({ error: { code: problem.code, message: problem.message } });
	};
}
