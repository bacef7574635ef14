/**
 * The `fetch` the client calls: the global one, or any function with its shape (a mock, undici's, a proxying one).
 * @example
 * const fetch: FetchFunction = (url, init) => globalThis.fetch(url, init);
 */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The `Latchkey` constructor's settings.
 * @example
 * const options: LatchkeyOptions = { apiUrl: "https://passkeys.example.com", apiSecret: process.env.LATCHKEY_API_SECRET ?? "" };
 */
export interface LatchkeyOptions {
	/** The server's base URL, e.g. `http://localhost:4000`; a path (`https://example.com/api`) and a trailing slash are fine. */
	apiUrl: string;
	/** The app's API secret (`<appId>:secret:<hex>`), sent as the `ApiSecret` header. Keep it on your server. */
	apiSecret: string;
	/** The fetch to use. @default globalThis.fetch */
	fetch?: FetchFunction;
	/** How long one attempt may take, answer body included, before it fails with `timeout`. @default 10000 */
	timeoutMs?: number;
	/** How many more times a GET is tried after a network error, a timeout or a 502/503/504. POSTs are never retried. @default 2 */
	retries?: number;
}
