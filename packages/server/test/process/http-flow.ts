import type { TestApp } from "@latchkey/test-support";
import { SoftAuthenticator } from "@latchkey/testing";

/** A tiny relying party + browser stand-in over real HTTP, for process-level tests. */
export interface HttpFlow {
	post(path: string, body: unknown, key: "public" | "secret"): Promise<{ status: number; body: Record<string, unknown> }>;
	register(userId: string, authenticator: SoftAuthenticator): Promise<{ credentialId: string; verifyToken: string }>;
	beginSignIn(body?: Record<string, unknown>): Promise<{ data: Record<string, unknown>; session: string }>;
}

/**
 * Builds an HTTP flow against a running server.
 * @param baseUrl - the server's URL
 * @param app - the keys
 * @param origin - the origin the "browser" runs on
 */
export function httpFlow(baseUrl: string, app: TestApp, origin = "http://localhost:8080"): HttpFlow {
	const party = { RPID: "localhost", Origin: origin };
	const post: HttpFlow["post"] = async (path, body, key) => {
		const res = await fetch(baseUrl + path, {
			method: "POST",
			headers: { "content-type": "application/json", ...(key === "public" ? { ApiKey: app.apiKey } : { ApiSecret: app.apiSecret }) },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
	};
	return {
		post,
		async register(userId, authenticator) {
			const token = await post("/register/token", { userId, username: userId, aliases: [`${userId}@example.com`] }, "secret");
			const begin = await post("/register/begin", { token: token.body.token, ...party }, "public");
			const response = authenticator.createCredential(begin.body.data as never, { origin });
			const complete = await post("/register/complete", { session: begin.body.session, response, ...party }, "public");
			if (complete.status !== 200) throw new Error(`register/complete ${complete.status}: ${JSON.stringify(complete.body)}`);
			return { credentialId: response.id, verifyToken: complete.body.token as string };
		},
		async beginSignIn(body = {}) {
			const res = await post("/signin/begin", { ...party, ...body }, "public");
			return res.body as { data: Record<string, unknown>; session: string };
		},
	};
}

export { SoftAuthenticator };
