import type { Transporter } from "nodemailer";
import { MailDeliveryError, type Mailer, type MailMessage } from "./mailer.ts";

/** What nodemailer attaches to the errors it throws. */
interface SmtpFailure {
	code?: string;
	responseCode?: number;
	response?: string;
	message?: string;
}

/** The codes nodemailer gives a definite refusal by the server (as opposed to a connection that failed). */
const REFUSALS = new Set(["EAUTH", "EENVELOPE", "EMESSAGE"]);

/**
 * Sorts a nodemailer failure into a {@link MailDeliveryError}: a 4xx reply or a connection failure (refused, timed
 * out, reset, TLS, DNS) is `unavailable`; a 5xx reply, rejected credentials, recipient or message is `refused`.
 * The message names the SMTP code and the server's reply only — never the message content.
 * @param error - what nodemailer threw
 */
export function classifySmtpFailure(error: unknown): MailDeliveryError {
	const failure = (typeof error === "object" && error !== null ? error : {}) as SmtpFailure;
	const code = failure.code ?? "ERROR";
	const reply = failure.response ? `: ${failure.response.slice(0, 200)}` : "";
	const responseCode = typeof failure.responseCode === "number" ? failure.responseCode : undefined;
	const temporary = responseCode !== undefined && responseCode >= 400 && responseCode < 500;
	const refused = !temporary && (REFUSALS.has(code) || (responseCode !== undefined && responseCode >= 500));
	return new MailDeliveryError(
		refused ? "refused" : "unavailable",
		`SMTP ${code}${responseCode ? ` ${responseCode}` : ""}${reply}`,
		responseCode,
	);
}

/**
 * A {@link Mailer} over SMTP with nodemailer: one connection per message (no pool, no retry), bounded timeouts,
 * nodemailer's own logging off (it would log the message, and the message carries sign-in links). nodemailer is
 * loaded at the first send.
 * @param options - `url`: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…` (TLS from the start);
 * `from`: the sender address; `timeoutMs`: connect, greeting and socket idle limit @default 10000
 * @example const mailer = createSmtpMailer({ url: "smtp://localhost:2525", from: "Latchkey <no-reply@example.com>" });
 */
export function createSmtpMailer(options: { url: string; from: string; timeoutMs?: number }): Mailer {
	const timeout = options.timeoutMs ?? 10_000;
	// nodemailer (~20 MiB once loaded) is imported at the first send, not at start-up: most servers never mail.
	let transport: Promise<Transporter> | null = null;
	const open = async (): Promise<Transporter> => {
		const { createTransport } = await import("nodemailer");
		return createTransport(
			{ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 3, logger: false, debug: false },
			{ from: options.from },
		);
	};
	return {
		async send(message: MailMessage): Promise<void> {
			transport ??= open();
			const smtp = await transport;
			try {
				await smtp.sendMail({ to: message.to, subject: message.subject, text: message.text, html: message.html });
			} catch (error) {
				throw classifySmtpFailure(error);
			}
		},
		close(): void {
			void transport?.then((smtp) => smtp.close());
		},
	};
}
