import type { ReactNode } from "react";
import { BusyButton } from "./busy-button.tsx";
import { callApi } from "./call-api.ts";
import type { DemoUser } from "./demo-user.ts";
import type { Flash } from "./flash.ts";
import { useI18n } from "./i18n-context.tsx";
import { Notice } from "./notice.tsx";
import type { SigninClient } from "./signin-client.ts";
import { TextField } from "./text-field.tsx";
import { useUsernameFirstSignin } from "./use-username-first-signin.ts";

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
	/** `@latchkey/client`, or the Cognito flow ({@link SigninClient}). */
	client: SigninClient;
	flash: Flash | null;
	onSignedIn(user: DemoUser): void;
	navigate(path: string): void;
}

/**
 * The log in page: one e-mail field (`autocomplete="username webauthn"`, so passkeys show in its autofill), passkey
 * sign-in that starts by itself once a valid e-mail is typed, and a "Sign in with passkey" button that works with or
 * without an e-mail; "Lost your passkey?" leads to recovery by e-mail.
 * @example
 * <LoginPage client={client} flash={null} onSignedIn={setUser} navigate={navigate} />
 */
export function LoginPage({ client, flash, onSignedIn, navigate }: LoginPageProps): ReactNode {
	const { t } = useI18n();
	const signin = useUsernameFirstSignin(client, async (token) => {
		const started = await callApi<{ user: DemoUser }>("POST", "/api/signin", { token });
		if (!started.ok) return started.problem;
		onSignedIn(started.data.user);
		return null;
	});
	const busy = signin.status === "button" || signin.status === "finishing";
	const problem = !client.isBrowserSupported()
		? { code: "unsupported_browser" }
		: (signin.problem ?? (flash && "problem" in flash ? flash.problem : null));
	const text =
		signin.status === "auto" && signin.autoEmail
			? t("login.autoStarted", { email: signin.autoEmail })
			: signin.autoCancelled
				? t("login.autoCancelled")
				: flash && "info" in flash
					? t(flash.info)
					: null;
	const toSignup = (
		<a
			href="/signup"
			onClick={(event) => {
				event.preventDefault();
				navigate("/signup");
			}}
		>
			{t("login.toSignup")}
		</a>
	);
	return (
		<section className="card card--narrow" aria-labelledby="login-title">
			<h1 id="login-title" className="card__title">
				{t("login.title")}
			</h1>
			<p className="card__subtitle">{t("login.subtitle")}</p>
			<form
				className="form"
				noValidate
				onSubmit={(event) => {
					event.preventDefault();
					signin.signIn();
				}}
			>
				<TextField
					id="email"
					type="email"
					label={t("login.email")}
					hint={t("login.emailHint")}
					autoComplete="username webauthn"
					inputMode="email"
					value={signin.email}
					onChange={signin.setEmail}
					maxLength={254}
					placeholder="ada@example.com"
				/>
				<BusyButton id="signin-button" type="submit" block label={t("login.button")} busyLabel={t("login.buttonBusy")} busy={busy} />
				<Notice
					id="login-notice"
					problem={problem}
					text={text}
					tone={flash && "info" in flash && !signin.autoEmail ? "success" : "info"}
					action={problem?.code === "no_passkey_for_site" || problem?.code === "unknown_account" ? toSignup : null}
				/>
			</form>
			<div className="card__footer">
				<p>
					{t("login.noAccount")} {toSignup}
				</p>
				<p className="card__footer-line">
					<a
						id="lost-passkey-link"
						href="/recover"
						onClick={(event) => {
							event.preventDefault();
							navigate("/recover");
						}}
					>
						{t("login.lostPasskey")}
					</a>
				</p>
			</div>
		</section>
	);
}
