import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, type SmtpSink, startServer, startSmtpSink } from "@latchkey/test-support";
import { actor, ORIGIN, RP_ID, SoftAuthenticator, send } from "./hostile-harness.ts";

describe("logs", () => {
	let server: ServerProcess;
	const secrets: string[] = [];
	let sink: SmtpSink;

	before(async () => {
		sink = await startSmtpSink();
		server = await startServer({
			env: { LATCHKEY_LOG_LEVEL: "trace", LATCHKEY_SMTP_URL: sink.url, LATCHKEY_SMTP_FROM: "no-reply@shop.example" },
		});
		const app = await server.createApp({ appId: "shop", rpId: RP_ID, origins: [ORIGIN] });
		secrets.push(app.apiKey, app.apiSecret);
		const shop = actor(server, app);
		const authenticator = new SoftAuthenticator();
		const token = await shop.sec("/register/token", { userId: "u1", username: "u1" });
		assert.equal(token.status, 200, token.text);
		secrets.push(token.body.token as string);
		const begin = await shop.pub("/register/begin", { token: token.body.token, ...shop.party });
		assert.equal(begin.status, 200, begin.text);
		secrets.push(begin.body.session as string, (begin.body.data as { challenge: string }).challenge);
		const response = authenticator.createCredential(begin.body.data as never, { origin: ORIGIN });
		const done = await shop.pub("/register/complete", { session: begin.body.session, response, ...shop.party });
		assert.equal(done.status, 200, done.text);
		secrets.push(done.body.token as string);
		const signIn = await shop.beginSignIn({ userId: "u1" });
		secrets.push(signIn.session, (signIn.data as { challenge: string }).challenge);
		const assertion = authenticator.getAssertion(signIn.data as never, { origin: ORIGIN });
		const complete = await shop.pub("/signin/complete", { session: signIn.session, response: assertion, ...shop.party });
		assert.equal(complete.status, 200, complete.text);
		secrets.push(complete.body.token as string);
		await shop.sec("/signin/verify", { token: complete.body.token });
		// and some refusals, which are logged
		await shop.sec("/signin/verify", { token: complete.body.token });
		await send(server, "/register/token", {
			secret: `${app.apiSecret.slice(0, -1)}${app.apiSecret.endsWith("0") ? "1" : "0"}`,
			body: { userId: "x", username: "x" },
		});
		await shop.pub("/signin/complete", { session: signIn.session, response: assertion, ...shop.party });
		// a magic link that is mailed and used, and one the SMTP server refuses (an error with its cause is logged)
		const link = { emailAddress: "ada@example.com", urlTemplate: "https://shop.example/r?t=$TOKEN", userId: "u1" };
		assert.equal((await shop.sec("/magic-links/send", link)).status, 204);
		const mailed = /verify_[A-Za-z0-9_-]+/.exec((await sink.next()).text)?.[0] ?? "";
		secrets.push(mailed, "ada@example.com");
		await shop.sec("/signin/verify", { token: mailed });
		await shop.sec("/signin/verify", { token: mailed });
		sink.refuseWith(550);
		assert.equal((await shop.sec("/magic-links/send", link)).status, 502);
		await server.stop();
	});
	after(async () => {
		server?.cleanup();
		await sink?.close();
	});

	it("log every request and refusal at debug/info, but never a key, secret, token, session or challenge", () => {
		const logs = server.logs();
		const lines = logs
			.trim()
			.split("\n")
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		assert.ok(lines.filter((l) => l.msg === "request").length >= 8, "requests are logged at debug level");
		assert.ok(
			lines.some((l) => l.msg === "refused" && l.errorCode === "invalid_token"),
			"refusals are logged with their code",
		);
		assert.ok(lines.some((l) => l.msg === "refused" && l.errorCode === "invalid_api_secret"));
		assert.ok(
			lines.some((l) => l.msg === "email_delivery_failed" && /EENVELOPE 550/.test(JSON.stringify(l.err))),
			"a refused mail is logged as an error with the SMTP reply",
		);
		for (const secret of secrets) {
			assert.ok(secret && secret.length > 10);
			assert.equal(logs.includes(secret), false, `the log contains ${secret.slice(0, 12)}…`);
			assert.equal(logs.includes(secret.slice(-16)), false, `the log contains the end of ${secret.slice(0, 12)}…`);
		}
	});
});
