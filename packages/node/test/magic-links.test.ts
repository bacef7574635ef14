import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, type SmtpSink, startServer, startSmtpSink } from "@latchkey/test-support";
import { isLatchkeyError } from "../src/is-latchkey-error.ts";
import { Latchkey } from "../src/latchkey.ts";

describe("sendMagicLink against latchkey serve and a real SMTP server", () => {
	let sink: SmtpSink;
	let server: ServerProcess;
	before(async () => {
		sink = await startSmtpSink();
		server = await startServer({
			env: {
				LATCHKEY_SMTP_URL: sink.url,
				LATCHKEY_SMTP_FROM: "Latchkey test <no-reply@example.com>",
				LATCHKEY_MAGIC_LINKS_PER_ADDRESS_PER_HOUR: "2",
				LATCHKEY_LOG_LEVEL: "debug",
			},
		});
	});
	after(async () => {
		await server.stop();
		server.cleanup();
		await sink.close();
	});

	it("mails a link, verifies its token once, answers the quota with retryAfter, and logs no token", async () => {
		const app = await server.createApp({ appId: "magicnode", rpId: "localhost" });
		const latchkey = new Latchkey({ apiUrl: server.url, apiSecret: app.apiSecret });
		const urlTemplate = "http://localhost:4200/recover?token=$TOKEN";
		await latchkey.sendMagicLink({ emailAddress: "ada@example.com", urlTemplate, userId: "ada", language: "ja" });
		const mail = await sink.next();
		assert.equal(mail.subject, "localhost:4200 へのサインイン");
		const token = /verify_[A-Za-z0-9_-]+/.exec(mail.text)?.[0] ?? "";
		assert.ok(token, mail.text);
		const user = await latchkey.verifyToken(token);
		assert.equal(user.type, "magic_link");
		assert.equal(user.userId, "ada");
		await assert.rejects(latchkey.verifyToken(token), (error) => isLatchkeyError(error, "invalid_token"));
		await latchkey.sendMagicLink({ emailAddress: "ada@example.com", urlTemplate, userId: "ada" });
		const second = /verify_[A-Za-z0-9_-]+/.exec((await sink.next()).text)?.[0] ?? "";
		await assert.rejects(latchkey.sendMagicLink({ emailAddress: "ada@example.com", urlTemplate, userId: "ada" }), (error) => {
			assert.ok(isLatchkeyError(error, "magic_link_email_quota_exceeded"));
			assert.equal(error.status, 429);
			assert.equal(typeof error.problem?.retryAfter, "number");
			return true;
		});
		const logs = server.logs();
		assert.match(logs, /magic-links\/send/, "the requests are in the log");
		for (const secret of [token, second]) assert.ok(!logs.includes(secret.slice(7)), "no log line holds a link's token");
		assert.ok(!logs.includes("ada@example.com"), "no log line holds the address");
	});
});
