import { type ReactNode, useEffect, useRef, useState } from "react";
import { BusyButton } from "./busy-button.tsx";
import { callApi } from "./call-api.ts";
import type { DemoUser } from "./demo-user.ts";
import { useI18n } from "./i18n-context.tsx";
import { isEmail } from "./is-email.ts";
import { Notice } from "./notice.tsx";
import { TextField } from "./text-field.tsx";
import type { UiProblem } from "./ui-problem.ts";

/** Props of {@link RecoverPage}. */
export interface RecoverPageProps {
	/** The link's token (`/recover?token=…`), or null to show the "e-mail me a link" form. */
	token: string | null;
	/** The link signed the user in; the dashboard then asks for a new passkey. */
	onRecovered(user: DemoUser): void;
	navigate(path: string): void;
}

/**
 * "Lost your passkey?": asks for the account's e-mail and has the backend mail a single-use sign-in link
 * (`POST /api/recover`, which answers alike whether or not the address has an account); opened from that link
 * (`/recover?token=…`), it exchanges the token for a session (`POST /api/recover/complete`).
 * @example
 * <RecoverPage token={new URLSearchParams(location.search).get("token")} onRecovered={signedIn} navigate={go} />
 */
export function RecoverPage({ token, onRecovered, navigate }: RecoverPageProps): ReactNode {
	const { t, locale } = useI18n();
	const [email, setEmail] = useState("");
	const [busy, setBusy] = useState(false);
	const [checking, setChecking] = useState(token !== null);
	const [sentTo, setSentTo] = useState<string | null>(null);
	const [problem, setProblem] = useState<UiProblem | null>(null);
	const used = useRef(false);

	useEffect(() => {
		// The token is single-use: exchange it once, even when React runs effects twice.
		if (token === null || used.current) return;
		used.current = true;
		void (async () => {
			const done = await callApi<{ user: DemoUser }>("POST", "/api/recover/complete", { token });
			if (done.ok) return onRecovered(done.data.user);
			history.replaceState(null, "", "/recover"); // the token is spent either way; do not keep it in the address bar
			setChecking(false);
			setProblem(done.problem);
		})();
	}, [token, onRecovered]);

	const send = async (): Promise<void> => {
		const address = email.trim().toLowerCase();
		if (!isEmail(address)) return setProblem({ code: "invalid_input", fields: { email: "Invalid." } });
		setBusy(true);
		setProblem(null);
		setSentTo(null);
		const sent = await callApi("POST", "/api/recover", { email: address, language: locale });
		setBusy(false);
		if (sent.ok) setSentTo(address);
		else setProblem(sent.problem);
	};

	const toLogin = (
		<a
			href="/login"
			onClick={(event) => {
				event.preventDefault();
				navigate("/login");
			}}
		>
			{t("recover.toLogin")}
		</a>
	);
	if (checking) {
		return (
			<section className="card card--narrow" aria-labelledby="recover-title">
				<h1 id="recover-title" className="card__title">
					{t("recover.title")}
				</h1>
				<p className="muted loading" id="recover-checking">
					{t("recover.checking")}
				</p>
			</section>
		);
	}
	return (
		<section className="card card--narrow" aria-labelledby="recover-title">
			<h1 id="recover-title" className="card__title">
				{t("recover.title")}
			</h1>
			<p className="card__subtitle">{t("recover.subtitle")}</p>
			<form
				className="form"
				noValidate
				onSubmit={(event) => {
					event.preventDefault();
					void send();
				}}
			>
				<TextField
					id="recover-email"
					type="email"
					label={t("login.email")}
					autoComplete="username"
					inputMode="email"
					value={email}
					onChange={setEmail}
					maxLength={254}
					placeholder="ada@example.com"
					error={problem?.fields?.email ? t("fields.email") : null}
				/>
				<BusyButton id="recover-button" type="submit" block label={t("recover.button")} busyLabel={t("recover.buttonBusy")} busy={busy} />
				<Notice id="recover-notice" problem={problem} tone="success" text={sentTo ? t("recover.sent", { email: sentTo }) : null} />
			</form>
			<p className="card__footer">{toLogin}</p>
		</section>
	);
}
