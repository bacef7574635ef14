/**
 * The `Client` constructor's settings, as in the upstream client (only `apiKey` is required).
 * @example
 * const config: Config = { apiUrl: "https://passkeys.example.com", apiKey: "myapp:public:4364b1a49a404b38b843fe3697b803c8" };
 */
export interface Config {
	/** the app's public API key (`<appId>:public:<hex>`) */
	apiKey: string;
	/** the server's base URL; a trailing slash is fine. @default "https://v4.passwordless.dev" */
	apiUrl?: string;
	/** sent as `Origin`. @default location.origin */
	origin?: string;
	/** sent as `RPID`. @default location.hostname */
	rpid?: string;
}
