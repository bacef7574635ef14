import { LifecycleClient } from "@latchkey/client/lifecycle";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { AppShell } from "./app-shell.tsx";
import { callApi } from "./call-api.ts";
import { createCognitoSigninClient } from "./cognito-signin-client.ts";
import { DashboardPage } from "./dashboard-page.tsx";
import type { DemoUser } from "./demo-user.ts";
import type { Flash } from "./flash.ts";
import { useI18n } from "./i18n-context.tsx";
import { LoginPage } from "./login-page.tsx";
import { Notice } from "./notice.tsx";
import { RecoverPage } from "./recover-page.tsx";
import { SignupPage } from "./signup-page.tsx";
import type { UiProblem } from "./ui-problem.ts";
import { useLocationPath } from "./use-location-path.ts";

/** `GET /api/config`: Latchkey's URL and public key, and which flow the log in page signs in with. */
interface PublicConfig {
	apiUrl: string;
	apiKey: string;
	signin?: "latchkey" | "cognito";
}

const PAGE_TITLES = {
	"/login": "login.title",
	"/signup": "signup.title",
	"/recover": "recover.title",
	"/dashboard": "dashboard.balance",
} as const;

/**
 * The demo's front end: loads the public config (`GET /api/config`) and the session (`GET /api/me`), then shows the
 * log in, sign up, recovery ("Lost your passkey?", and the e-mailed link at `/recover?token=…`) or dashboard page;
 * signed-out users land on log in, signed-in users on the dashboard. With
 * `signin: "cognito"` in the config, the log in page runs Cognito's passkey flow (`createCognitoSigninClient`).
 * @example
 * createRoot(root).render(<I18nProvider><App /></I18nProvider>);
 */
export function App(): ReactNode {
	const { t } = useI18n();
	const { path, navigate } = useLocationPath();
	const [config, setConfig] = useState<PublicConfig | null>(null);
	const [startProblem, setStartProblem] = useState<UiProblem | null>(null);
	const [user, setUser] = useState<DemoUser | null | undefined>(undefined);
	const [flash, setFlash] = useState<Flash | null>(null);
	/** Signed in by a recovery link: the dashboard asks for a new passkey. */
	const [recovered, setRecovered] = useState(false);

	useEffect(() => {
		void (async () => {
			const [loadedConfig, me] = await Promise.all([
				callApi<PublicConfig>("GET", "/api/config"),
				callApi<{ user: DemoUser }>("GET", "/api/me"),
			]);
			if (!loadedConfig.ok) return setStartProblem(loadedConfig.problem);
			setConfig(loadedConfig.data);
			if (me.ok) return setUser(me.data.user);
			if (me.problem.code !== "not_signed_in") setFlash({ problem: me.problem });
			setUser(null);
		})();
	}, []);
	const client = useMemo(() => (config ? new LifecycleClient({ apiUrl: config.apiUrl, apiKey: config.apiKey }) : null), [config]);
	// The log in page on Cognito's USER_AUTH / WEB_AUTHN flow (sign-up and the dashboard stay on the Latchkey API).
	const loginClient = useMemo(() => (config?.signin === "cognito" ? createCognitoSigninClient() : client), [config, client]);

	const page = user === undefined ? null : user ? "/dashboard" : path === "/signup" || path === "/recover" ? path : "/login";
	useEffect(() => {
		if (page && page !== path) navigate(page, { replace: true });
	}, [page, path, navigate]);
	useEffect(() => {
		document.title = page ? `${t(PAGE_TITLES[page])} · ${t("app.name")}` : t("app.name");
	}, [page, t]);

	const go = useCallback(
		(next: string) => {
			setFlash(null);
			navigate(next);
		},
		[navigate],
	);
	const signedIn = useCallback((next: DemoUser) => {
		setFlash(null);
		setUser(next);
	}, []);
	const recoveredBy = useCallback((next: DemoUser) => {
		setFlash(null);
		setRecovered(true);
		setUser(next);
	}, []);
	const signedOut = useCallback((problem: UiProblem | null) => {
		setFlash(problem ? { problem } : { info: "login.loggedOut" });
		setRecovered(false);
		setUser(null);
	}, []);

	let content: ReactNode;
	if (startProblem) content = <Notice problem={startProblem} />;
	else if (!client || page === null) content = <p className="muted loading">{t("app.loading")}</p>;
	else if (page === "/dashboard" && user)
		content = <DashboardPage client={client} user={user} recovered={recovered} onUserChanged={setUser} onSignedOut={signedOut} />;
	else if (page === "/recover")
		content = <RecoverPage token={new URLSearchParams(location.search).get("token")} onRecovered={recoveredBy} navigate={go} />;
	else if (page === "/signup") content = <SignupPage client={client} onSignedIn={signedIn} navigate={go} />;
	else content = <LoginPage client={loginClient ?? client} flash={flash} onSignedIn={signedIn} navigate={go} />;
	return <AppShell>{content}</AppShell>;
}
