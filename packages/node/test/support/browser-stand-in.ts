import { SoftAuthenticator } from "@latchkey/testing";

/** What a browser with `@latchkey/client` does against the public routes, over real HTTP. */
export interface BrowserStandIn {
	/** The origin the "page" runs on. */
	origin: string;
	authenticator: SoftAuthenticator;
	/** `/register/begin` + authenticator + `/register/complete`; returns the new credential's id and the verify token. */
	register(registerToken: string, nickname?: string): Promise<{ credentialId: string; verifyToken: string }>;
	/** `/signin/begin` + assertion + `/signin/complete`; returns the verify token. */
	signIn(body?: { userId?: string; alias?: string; purpose?: string; token?: string }): Promise<string>;
}

/**
 * A browser stand-in: the public API (header `ApiKey`) driven with the software authenticator.
 * @param url - the server's URL
 * @param apiKey - the app's public key
 * @param origin - the page origin (any `http://localhost:<port>` works for RP ID `localhost`)
 * @example
 * const browser = browserStandIn(server.url, app.apiKey);
 * const { verifyToken } = await browser.register((await latchkey.createRegisterToken({ userId: "1", username: "a" })).token);
 */
export function browserStandIn(url: string, apiKey: string, origin = "http://localhost:8080"): BrowserStandIn {
	const authenticator = new SoftAuthenticator();
	const party = { RPID: "localhost", Origin: origin };
	const post = async (path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
		const response = await fetch(`${url}${path}`, {
			method: "POST",
			headers: { "content-type": "application/json", ApiKey: apiKey },
			body: JSON.stringify({ ...party, ...body }),
		});
		const json = (await response.json()) as Record<string, unknown>;
		if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
		return json;
	};
	return {
		origin,
		authenticator,
		async register(registerToken, nickname) {
			const begin = await post("/register/begin", { token: registerToken });
			const response = authenticator.createCredential(begin.data as never, { origin });
			const complete = await post("/register/complete", { session: begin.session, response, ...(nickname ? { nickname } : {}) });
			return { credentialId: response.id, verifyToken: complete.token as string };
		},
		async signIn(body = {}) {
			const begin = await post("/signin/begin", body);
			const response = authenticator.getAssertion(begin.data as never, { origin });
			const complete = await post("/signin/complete", { session: begin.session, response });
			return complete.token as string;
		},
	};
}
