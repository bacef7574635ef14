import type { ServerProcess, TestApp } from "@latchkey/test-support";
import { SoftAuthenticator } from "@latchkey/testing";
import { craftRegistration } from "../support/craft-registration.ts";

export const ORIGIN = "http://localhost:8080";
export const RP_ID = "localhost";

/** An HTTP answer, read once. */
export interface Answer {
	status: number;
	contentType: string;
	body: Record<string, unknown>;
	text: string;
}

/** Sends one request the way any client would and reads the answer (never throws on a status). */
export async function send(
	server: ServerProcess,
	path: string,
	init: { key?: string; secret?: string; body?: unknown; rawBody?: string; contentType?: string; method?: string },
): Promise<Answer> {
	const headers: Record<string, string> = { "content-type": init.contentType ?? "application/json" };
	if (init.key) headers.ApiKey = init.key;
	if (init.secret) headers.ApiSecret = init.secret;
	const res = await fetch(server.url + path, {
		method: init.method ?? "POST",
		headers,
		...(init.method === "GET" ? {} : { body: init.rawBody ?? JSON.stringify(init.body ?? {}) }),
	});
	const text = await res.text();
	let body: Record<string, unknown> = {};
	try {
		body = JSON.parse(text) as Record<string, unknown>;
	} catch {
		body = {};
	}
	return { status: res.status, contentType: res.headers.get("content-type") ?? "", body, text };
}

/** A relying party and a browser for one app, over real HTTP. */
export function actor(server: ServerProcess, app: TestApp) {
	const party = { RPID: RP_ID, Origin: ORIGIN };
	const pub = (path: string, body: unknown): Promise<Answer> => send(server, path, { key: app.apiKey, body });
	const sec = (path: string, body: unknown): Promise<Answer> => send(server, path, { secret: app.apiSecret, body });
	return {
		app,
		pub,
		sec,
		party,
		async beginRegistration(userId: string, tokenBody: Record<string, unknown> = {}) {
			const token = await sec("/register/token", { userId, username: userId, aliases: [`${userId}@example.com`], ...tokenBody });
			const begin = await pub("/register/begin", { token: token.body.token, ...party });
			if (begin.status !== 200) throw new Error(`register/begin ${begin.status} ${begin.text}`);
			return begin.body as { data: { challenge: string; rp: { id: string } }; session: string };
		},
		async register(userId: string, authenticator: SoftAuthenticator, tokenBody: Record<string, unknown> = {}) {
			const { data, session } = await this.beginRegistration(userId, tokenBody);
			const response = authenticator.createCredential(data as never, { origin: ORIGIN });
			const done = await pub("/register/complete", { session, response, ...party });
			if (done.status !== 200) throw new Error(`register/complete ${done.status} ${done.text}`);
			return response.id;
		},
		async beginSignIn(body: Record<string, unknown> = {}) {
			const begin = await pub("/signin/begin", { ...party, ...body });
			if (begin.status !== 200) throw new Error(`signin/begin ${begin.status} ${begin.text}`);
			return begin.body as { data: Record<string, unknown>; session: string };
		},
		crafted: craftRegistration,
	};
}

export type Actor = ReturnType<typeof actor>;
export { SoftAuthenticator };
