import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message the sink received, parsed. */
export interface ReceivedMail {
	from: string;
	to: string[];
	subject: string;
	text: string;
	html: string;
}

/** A real SMTP server on loopback that keeps what it receives (or refuses it, as told). */
export interface SmtpSink {
	/** `smtp://user:pass@127.0.0.1:PORT` — what `LATCHKEY_SMTP_URL` should be. */
	url: string;
	port: number;
	mails: ReceivedMail[];
	/** Resolves with the next message to arrive (or the first one not yet taken by an earlier call). */
	next(timeoutMs?: number): Promise<ReceivedMail>;
	/** From now on, refuse every recipient with this reply (e.g. 550), or accept again with null. */
	refuseWith(code: number | null): void;
	close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1 (npm `smtp-server`, AUTH PLAIN/LOGIN with user `latchkey` and password `test`,
 * no STARTTLS) that parses each message with `mailparser`.
 * @example const sink = await startSmtpSink(); … const mail = await sink.next();
 */
export async function startSmtpSink(): Promise<SmtpSink> {
	const mails: ReceivedMail[] = [];
	let taken = 0;
	const waiters: (() => void)[] = [];
	let refuse: number | null = null;
	const server = new SMTPServer({
		secure: false,
		disabledCommands: ["STARTTLS"],
		authOptional: false,
		logger: false,
		onAuth(auth, _session, callback) {
			if (auth.username === "latchkey" && auth.password === "test") callback(null, { user: auth.username });
			else callback(new Error("Invalid username or password"));
		},
		onRcptTo(_address, _session, callback) {
			if (refuse === null) return callback();
			const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
			error.responseCode = refuse;
			callback(error);
		},
		onData(stream, session, callback) {
			simpleParser(stream).then(
				(parsed) => {
					mails.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
						to: session.envelope.rcptTo.map((r) => r.address),
						subject: parsed.subject ?? "",
						text: parsed.text ?? "",
						html: typeof parsed.html === "string" ? parsed.html : "",
					});
					for (const wake of waiters.splice(0)) wake();
					callback();
				},
				(error: Error) => callback(error),
			);
		},
	});
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => resolve());
	});
	server.on("error", () => {});
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://latchkey:test@127.0.0.1:${port}`,
		port,
		mails,
		async next(timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (mails.length <= taken) {
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`no mail arrived within ${timeoutMs} ms`);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, left);
					waiters.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
			const mail = mails[taken++];
			if (!mail) throw new Error("unreachable");
			return mail;
		},
		refuseWith(code) {
			refuse = code;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
