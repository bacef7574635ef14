import { readFileSync } from "node:fs";
import { PasskeyError } from "@latchkey/protocol";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { issueRegisterToken } from "../ceremonies/issue-register-token.ts";
import { verifySignIn } from "../ceremonies/verify-sign-in.ts";
import { PACKAGE_ROOT } from "../package-root.ts";
import { TokenReply, VerifiedUser } from "../wire/schemas.ts";
import type { RouteContext } from "./route-context.ts";

const asset = (name: string): string => readFileSync(new URL(`src/public/${name}`, PACKAGE_ROOT), "utf8");

/**
 * The playground (dev mode only): a page at `/` that registers and signs in with a passkey against this server,
 * and the two small "relying-party backend" routes it needs, acting for the dev app with its secret on the server.
 */
export async function playgroundRoutes(app: FastifyInstance, context: RouteContext & { apiKey: string }): Promise<void> {
	const { deps, config } = context;
	const files = {
		"/": { type: "text/html; charset=utf-8", body: asset("playground.html") },
		"/playground.js": { type: "text/javascript; charset=utf-8", body: asset("playground.js") },
		"/playground.css": { type: "text/css; charset=utf-8", body: asset("playground.css") },
	};
	for (const [path, file] of Object.entries(files)) {
		app.get(path, async (_request, reply) => reply.type(file.type).header("cache-control", "no-store").send(file.body));
	}
	const devApp = async () => {
		const found = await deps.store.apps.findById(config.devAppId);
		if (!found) throw new PasskeyError("app_not_found", { detail: `The dev app '${config.devAppId}' does not exist.` });
		return found;
	};
	app.get("/playground/config", async () => ({ apiKey: context.apiKey, appId: config.devAppId }));
	app.post<{ Body: { username: string } }>(
		"/playground/register-token",
		{ schema: { body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 200: TokenReply } } },
		async (request) => {
			const { username } = request.body;
			const body = { userId: username, username, aliases: [username], aliasHashing: false };
			return { token: (await issueRegisterToken({ app: await devApp(), body }, context)).token };
		},
	);
	app.post<{ Body: { token: string } }>(
		"/playground/verify",
		{ schema: { body: Type.Object({ token: Type.String({ maxLength: 512 }) }), response: { 200: VerifiedUser } } },
		async (request) => (await verifySignIn({ app: await devApp(), token: request.body.token }, deps)).verified,
	);
}
