/**
 * What a request tells about the person's device and place, stored on credentials and put in verify tokens. The
 * ceremonies take it as a value; `http/request-context.ts` reads it from a Fastify request.
 */
export interface RequestContext {
	/** e.g. "Chrome, Mac OS X 10" (upstream's format); "" when unknown. */
	device: string;
	/** Two-letter country code from the configured header; "" when absent. */
	country: string;
}
