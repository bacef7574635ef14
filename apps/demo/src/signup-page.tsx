import type { Client } from "@latchkey/client";
import { type ReactNode, useEffect, useState } from "react";
import { BusyButton } from "./busy-button.tsx";
import { callApi } from "./call-api.ts";
import type { DemoUser } from "./demo-user.ts";
import { fromClientError } from "./from-client-error.ts";
import { useI18n } from "./i18n-context.tsx";
import { Notice } from "./notice.tsx";
import { TextField } from "./text-field.tsx";
import type { UiProblem } from "./ui-problem.ts";

/** Props of {@link SignupPage}. */
export interface SignupPageProps {
	client: Client;
	onSignedIn(user: DemoUser): void;
	navigate(path: string): void;
}

/**
 * The sign up page: e-mail and display name, then the backend's register token, `client.register()`, and the
 * registration's verify token to the backend, which starts the session.
 * @example
 * <SignupPage client={client} onSignedIn={setUser} navigate={navigate} />
 */
export function SignupPage({ client, onSignedIn, navigate }: SignupPageProps): ReactNode {
	const { t } = useI18n();
	const [email, setEmail] = useState("");
	const [name, setName] = useState("");
	const [busy, setBusy] = useState(false);
	const [problem, setProblem] = useState<UiProblem | null>(client.isBrowserSupported() ? null : { code: "unsupported_browser" });
	useEffect(() => () => client.abort(), [client]);

	const submit = async (): Promise<void> => {
		setBusy(true);
		setProblem(null);
		const failed = await createAccount();
		if (failed) {
			setProblem(failed);
			setBusy(false);
		}
	};
	const createAccount = async (): Promise<UiProblem | null> => {
		const issued = await callApi<{ token: string }>("POST", "/api/register-token", { email, name });
		if (!issued.ok) return issued.problem;
		const registered = await client.register(issued.data.token);
		if (registered.error) return registered.error.errorCode === "ceremony_aborted" ? null : fromClientError(registered.error);
		const started = await callApi<{ user: DemoUser }>("POST", "/api/signin", { token: registered.token });
		if (!started.ok) return started.problem;
		onSignedIn(started.data.user);
		return null;
	};
	const toLogin = (
		<a
			href="/login"
			onClick={(event) => {
				event.preventDefault();
				navigate("/login");
			}}
		>
			{t("signup.toLogin")}
		</a>
	);
	return (
		<section className="card card--narrow" aria-labelledby="signup-title">
			<h1 id="signup-title" className="card__title">
				{t("signup.title")}
			</h1>
			<p className="card__subtitle">{t("signup.subtitle")}</p>
			<form
				className="form"
				noValidate
				onSubmit={(event) => {
					event.preventDefault();
					if (!busy) void submit();
				}}
			>
				<TextField
					id="signup-email"
					type="email"
					label={t("signup.email")}
					autoComplete="email"
					inputMode="email"
					value={email}
					onChange={setEmail}
					maxLength={254}
					required
					placeholder="ada@example.com"
					error={problem?.fields?.email ? t("fields.email") : null}
				/>
				<TextField
					id="signup-name"
					label={t("signup.name")}
					autoComplete="name"
					value={name}
					onChange={setName}
					maxLength={64}
					required
					placeholder="Ada Lovelace"
					error={problem?.fields?.name ? t("fields.name") : null}
				/>
				<BusyButton id="signup-button" type="submit" block label={t("signup.button")} busyLabel={t("signup.buttonBusy")} busy={busy} />
				<Notice id="signup-notice" problem={problem} action={problem?.code === "email_taken" ? toLogin : null} />
			</form>
			<p className="card__footer">
				{t("signup.haveAccount")} {toLogin}
			</p>
		</section>
	);
}
