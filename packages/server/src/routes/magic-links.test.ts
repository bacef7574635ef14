import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { freePort, type SmtpSink, startSmtpSink } from "@latchkey/test-support";
import pino from "pino";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness } from "../../test/support/in-process.ts";
import { createSmtpMailer } from "../mail/smtp-mailer.ts";

const TEMPLATE = "https://shop.example/recover?token=$TOKEN";
const tokenIn = (text: string): string => {
	const match = /verify_[A-Za-z0-9_-]+/.exec(text);
	assert.ok(match, `no token in: ${text}`);
	return match[0];
};

describe("POST /magic-links/send, through a real SMTP server on loopback", () => {
	let sink: SmtpSink;
	before(async () => {
		sink = await startSmtpSink();
	});
	after(() => sink.close());
	const mailer = () => createSmtpMailer({ url: sink.url, from: "Shop <no-reply@shop.example>" });

	it("mails a link whose token signs the user in once, and logs neither the token nor the address", async () => {
		const lines: string[] = [];
		const logger = pino({ level: "trace" }, { write: (line: string) => void lines.push(line) });
		const h = await createHarness({ mailer: mailer(), logger });
		const send = await h.sec("/magic-links/send", {
			emailAddress: "ada@example.com",
			urlTemplate: TEMPLATE,
			userId: "ada",
			purpose: "recovery",
		});
		assert.equal(send.statusCode, 204, send.body);
		const mail = await sink.next();
		assert.deepEqual(mail.to, ["ada@example.com"]);
		assert.equal(mail.from, "no-reply@shop.example");
		assert.equal(mail.subject, "Sign in to shop.example");
		const token = tokenIn(mail.text);
		assert.ok(mail.text.includes(`https://shop.example/recover?token=${token}`), "the token replaces $TOKEN unescaped");
		assert.ok(mail.html.includes(`href="https://shop.example/recover?token=${token}"`));
		assert.match(mail.text, /works once and expires in 15 minutes/);
		const verified = await h.sec("/signin/verify", { token });
		assert.equal(verified.statusCode, 200);
		assert.equal(verified.json().type, "magic_link");
		assert.equal(verified.json().userId, "ada");
		assert.equal(verified.json().purpose, "recovery");
		assert.equal(verified.json().credentialId, "");
		assertProblem(await h.sec("/signin/verify", { token }), 400, "invalid_token");
		const events = (await h.get("/events?pageNumber=1")).json().events as { eventType: string; message: string }[];
		const sent = events.find((e) => e.eventType === "ApiUserMagicLinkCreated");
		assert.equal(sent?.message, "Sent a magic link for user 'ada' to a***@example.com.");
		assert.ok(lines.length > 3, "the requests were logged");
		for (const line of lines) {
			assert.ok(!line.includes(token.slice(7)), `a log line holds the token: ${line}`);
			assert.ok(!line.includes("ada@example.com"), `a log line holds the address: ${line}`);
		}
	});

	it("writes Japanese mail when asked, and puts every $TOKEN (any case) in the link", async () => {
		const h = await createHarness({ mailer: mailer() });
		const urlTemplate = "http://localhost:4200/ja/recover?t=$token&again=$TOKEN";
		assert.equal(
			(await h.sec("/magic-links/send", { emailAddress: "ken@example.jp", urlTemplate, userId: "ken", language: "ja-JP" })).statusCode,
			204,
		);
		const mail = await sink.next();
		assert.equal(mail.subject, "localhost:4200 へのサインイン");
		assert.match(mail.text, /サインインしてください/);
		assert.match(mail.text, /有効期限は 15 分です/);
		assert.match(mail.html, /<html lang="ja">/);
		const token = tokenIn(mail.text);
		assert.ok(mail.text.includes(`/ja/recover?t=${token}&again=${token}`));
	});

	it("keeps a magic link single-use even for an app whose other verify tokens are reusable", async () => {
		const h = await createHarness({ mailer: mailer(), reusableVerifyTokens: true });
		await h.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" });
		const token = tokenIn((await sink.next()).text);
		assert.equal((await h.sec("/signin/verify", { token })).statusCode, 200);
		assertProblem(await h.sec("/signin/verify", { token }), 400, "invalid_token");
		const generated = (await h.sec("/signin/generate-token", { userId: "ada" })).json().token;
		assert.equal((await h.sec("/signin/verify", { token: generated })).statusCode, 200);
		assert.equal((await h.sec("/signin/verify", { token: generated })).statusCode, 200, "other verify tokens stay reusable there");
	});

	it("expires the link after its lifetime (the configured default, or timeToLive)", async () => {
		const h = await createHarness({ mailer: mailer(), env: { LATCHKEY_MAGIC_LINK_TTL_SECONDS: "600" } });
		await h.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" });
		const token = tokenIn((await sink.next()).text);
		await h.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada", timeToLive: 3600 });
		const longer = tokenIn((await sink.next()).text);
		h.clock.advance(601_000);
		const expired = await h.sec("/signin/verify", { token });
		assertProblem(expired, 403, "expired_token");
		assert.equal((await h.sec("/signin/verify", { token: longer })).statusCode, 200);
	});

	it("answers 429 with Retry-After past the per-address and per-app quotas, and the windows reopen", async () => {
		const h = await createHarness({
			mailer: mailer(),
			env: { LATCHKEY_MAGIC_LINKS_PER_ADDRESS_PER_HOUR: "2", LATCHKEY_MAGIC_LINKS_PER_APP_PER_DAY: "4" },
		});
		h.clock.set("2025-01-01T10:15:00Z");
		const send = (emailAddress: string) => h.sec("/magic-links/send", { emailAddress, urlTemplate: TEMPLATE, userId: "ada" });
		assert.equal((await send("ada@example.com")).statusCode, 204);
		assert.equal((await send("ADA@example.com")).statusCode, 204, "addresses count case-insensitively");
		const perAddress = await send("ada@example.com");
		assertProblem(perAddress, 429, "magic_link_email_quota_exceeded");
		assert.equal(perAddress.headers["retry-after"], "2700");
		assert.equal(perAddress.json().retryAfter, 2700);
		assert.match(perAddress.json().detail, /At most 2 magic links may be sent to this address per hour/);
		assert.equal((await send("bob@example.com")).statusCode, 204);
		assert.equal((await send("cy@example.com")).statusCode, 204);
		const perApp = await send("dee@example.com");
		assertProblem(perApp, 429, "magic_link_email_quota_exceeded");
		assert.match(perApp.json().detail, /per day/);
		assert.equal(perApp.headers["retry-after"], String(13 * 3600 + 45 * 60));
		assert.equal(sink.mails.length >= 4, true);
		h.clock.set("2025-01-02T00:00:01Z");
		assert.equal((await send("dee@example.com")).statusCode, 204, "a new day opens the app's window");
		for (let i = 0; i < 5; i++) await sink.next();
	});

	it("refuses when the app turned magic links off, and when the request is malformed", async () => {
		const h = await createHarness({ mailer: mailer() });
		const before = sink.mails.length;
		const bad = async (body: Record<string, unknown>, field: string) => {
			const res = await h.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada", ...body });
			assertProblem(res, 400, "invalid_request");
			assert.match(res.body, new RegExp(field));
		};
		await bad({ urlTemplate: "https://shop.example/recover" }, "\\$TOKEN placeholder");
		await bad({ urlTemplate: "ftp://shop.example/$TOKEN" }, "absolute http or https URL");
		await bad({ urlTemplate: "/recover?token=$TOKEN" }, "absolute http or https URL");
		await bad({ emailAddress: "not an address" }, "emailAddress");
		await bad({ emailAddress: "a@b.c, d@e.f" }, "emailAddress");
		await bad({ timeToLive: 0 }, "timeToLive");
		await bad({ userId: "" }, "userId");
		assert.equal((await h.sec("/apps/features", { enableMagicLinks: false })).statusCode, 204);
		const off = await h.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" });
		assertProblem(off, 403, "magic_links_disabled");
		assert.equal(off.json().title, "You must enable Magic Links in settings in order to use this feature.");
		assertProblem(
			await h.pub("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" }),
			401,
			"invalid_api_secret",
		);
		assert.equal(sink.mails.length, before, "nothing was sent");
	});

	it("answers 502 when the SMTP server refuses the recipient, and the token it made is gone", async () => {
		const h = await createHarness({ mailer: mailer() });
		sink.refuseWith(550);
		try {
			const res = await h.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" });
			assertProblem(res, 502, "email_delivery_failed");
			assert.match(res.json().detail, /EENVELOPE 550/);
		} finally {
			sink.refuseWith(null);
		}
		sink.refuseWith(451);
		try {
			const res = await h.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" });
			assertProblem(res, 503, "email_unavailable"); // a temporary refusal (4xx) is worth trying again
		} finally {
			sink.refuseWith(null);
		}
		assert.equal(
			(await h.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" })).statusCode,
			204,
		);
		await sink.next();
	});

	it("answers 503 with Retry-After when the SMTP server is down, and 503 email_not_configured without one", async () => {
		const port = await freePort();
		const down = await createHarness({
			mailer: createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: "x@shop.example", timeoutMs: 2000 }),
		});
		const res = await down.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" });
		assertProblem(res, 503, "email_unavailable");
		assert.equal(res.headers["retry-after"], "30");
		const none = await createHarness();
		const missing = await none.sec("/magic-links/send", { emailAddress: "ada@example.com", urlTemplate: TEMPLATE, userId: "ada" });
		assertProblem(missing, 503, "email_not_configured");
		assert.match(missing.json().detail, /LATCHKEY_SMTP_URL/);
	});
});
