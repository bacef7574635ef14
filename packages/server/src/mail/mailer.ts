/** One e-mail: a plain-text and an HTML body of the same content. */
export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html: string;
}

/** Where mail goes: `createSmtpMailer` in a server, a recording fake in a unit test. */
export interface Mailer {
	/**
	 * Hands one message to the mail server, once: there is no retry, so a request never sends its mail twice.
	 * @throws MailDeliveryError when the server is out of reach or refuses the message
	 */
	send(message: MailMessage): Promise<void>;
	/** Closes any open connection. */
	close(): void;
}

/**
 * Why a message was not delivered. `unavailable`: the mail server could not be reached, timed out, or answered
 * with a temporary (4xx) refusal — trying later may work. `refused`: it refused the sender's credentials, the
 * recipient or the message for good (5xx).
 */
export class MailDeliveryError extends Error {
	readonly kind: "unavailable" | "refused";
	/** The SMTP reply code, when the server answered. */
	readonly responseCode: number | undefined;
	constructor(kind: "unavailable" | "refused", message: string, responseCode?: number) {
		super(message);
		this.name = "MailDeliveryError";
		this.kind = kind;
		this.responseCode = responseCode;
	}
}
