import type { FastifyRequest } from "fastify";
import { UAParser } from "ua-parser-js";
import type { RequestContext } from "../domain/request-context.ts";

const deviceCache = new Map<string, string>();

/** Turns a User-Agent into upstream's `"<browser>, <os> <major>"` device string (memoised; UAs repeat). */
export function describeDevice(userAgent: string | undefined): string {
	if (!userAgent) return "";
	const cached = deviceCache.get(userAgent);
	if (cached !== undefined) return cached;
	const ua = new UAParser(userAgent.slice(0, 512)).getResult();
	const os = [ua.os.name, ua.os.version?.split(".")[0]].filter(Boolean).join(" ");
	const device = [ua.browser.name, os].filter(Boolean).join(", ");
	if (deviceCache.size > 1000) deviceCache.clear();
	deviceCache.set(userAgent, device);
	return device;
}

/**
 * Reads the device and country of a request.
 * @param request - the Fastify request
 * @param countryHeader - lower-case header name carrying the country
 */
export function readRequestContext(request: FastifyRequest, countryHeader: string): RequestContext {
	const country = request.headers[countryHeader];
	const value = Array.isArray(country) ? country[0] : country;
	return {
		device: describeDevice(request.headers["user-agent"]),
		country: typeof value === "string" && /^[A-Za-z]{2}$/.test(value) ? value.toUpperCase() : "",
	};
}
