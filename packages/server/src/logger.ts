import type { FastifyBaseLogger } from "fastify";
import pino from "pino";

/**
 * Paths pino blanks out wherever they appear in a log object: API keys and secrets, tokens, sessions and
 * challenges are never written to logs.
 */
export const REDACTED_PATHS = [
	"req.headers.apikey",
	"req.headers.apisecret",
	"req.headers.authorization",
	"headers.apikey",
	"headers.apisecret",
	"*.apiKey",
	"*.apiSecret",
	"*.token",
	"*.session",
	"*.challenge",
];

/**
 * The server's logger: pino JSON lines on stdout, with secrets redacted.
 * @param level - pino level ("info" by default in config)
 */
export function createLogger(level: string): FastifyBaseLogger {
	return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } });
}
