import type { Result, TokenResponse } from "@latchkey/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { fromClientError } from "./from-client-error.ts";
import { isEmail } from "./is-email.ts";
import type { SigninClient } from "./signin-client.ts";
import type { UiProblem } from "./ui-problem.ts";

/** How long typing must pause on a valid e-mail before passkey sign-in starts by itself. */
export const EMAIL_DEBOUNCE_MS = 300;

/** What the log in page renders from {@link useUsernameFirstSignin}. */
export interface UsernameFirstSignin {
	email: string;
	setEmail(value: string): void;
	/** The "Sign in with passkey" button: by alias with a valid e-mail, discoverable without one. */
	signIn(): void;
	/** `auto`: started by typing; `button`: started by the button; `finishing`: the backend is starting the session. */
	status: "idle" | "auto" | "button" | "finishing";
	/** The e-mail of the running automatic attempt. */
	autoEmail: string | null;
	problem: UiProblem | null;
	/** The user closed the automatic prompt: not an error, just a hint that the button still works. */
	autoCancelled: boolean;
}

/**
 * The three ways of the log in page on one `Client`: autofill (conditional mediation) waiting from the start, passkey
 * sign-in for a typed e-mail after {@link EMAIL_DEBOUNCE_MS} without typing (once per value, aborting autofill first),
 * and the button. A newer ceremony aborts the older one; an aborted ceremony is never shown as a failure.
 * @param client - the `@latchkey/client` instance, or the Cognito flow
 * @param onToken - starts the session with a verify token; resolves with a problem, or `null` when signed in
 * @example
 * const signin = useUsernameFirstSignin(client, (token) => startSession(token));
 */
export function useUsernameFirstSignin(client: SigninClient, onToken: (token: string) => Promise<UiProblem | null>): UsernameFirstSignin {
	const [email, setEmailState] = useState("");
	const [status, setStatus] = useState<UsernameFirstSignin["status"]>("idle");
	const [autoEmail, setAutoEmail] = useState<string | null>(null);
	const [problem, setProblem] = useState<UiProblem | null>(null);
	const [autoCancelled, setAutoCancelled] = useState(false);
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
	const attempted = useRef<string | null>(null);
	const onTokenRef = useRef(onToken);
	onTokenRef.current = onToken;
	const mounted = useRef(false);
	const finishRef = useRef<(result: Result<TokenResponse>, mode: "auto" | "button") => Promise<void>>(async () => {});

	const startAutofill = useCallback(async (): Promise<void> => {
		if (!mounted.current || !(await client.isAutofillSupported())) return;
		const result = await client.signinWithAutofill();
		// Aborted by a newer ceremony, or unsupported: the page works without it. Never a retry loop.
		if (!result.error && mounted.current) await finishRef.current(result, "auto");
	}, [client]);

	finishRef.current = async (result, mode) => {
		if (!mounted.current) return;
		if (result.error) {
			if (result.error.errorCode === "ceremony_aborted") return; // a newer ceremony took over: leave it alone
			setStatus("idle");
			setAutoEmail(null);
			if (mode === "auto" && result.error.errorCode === "user_cancelled") setAutoCancelled(true);
			else setProblem(fromClientError(result.error));
			void startAutofill();
			return;
		}
		setStatus("finishing");
		const failed = await onTokenRef.current(result.token);
		if (!mounted.current || !failed) return;
		setStatus("idle");
		setAutoEmail(null);
		setProblem(failed);
		void startAutofill();
	};
	const finish = finishRef.current;

	useEffect(() => {
		mounted.current = true;
		void startAutofill();
		return () => {
			mounted.current = false;
			clearTimeout(timer.current);
			client.abort();
		};
	}, [client, startAutofill]);

	const setEmail = (value: string): void => {
		setEmailState(value);
		clearTimeout(timer.current);
		const alias = value.trim().toLowerCase();
		if (!isEmail(alias) || alias === attempted.current) return;
		timer.current = setTimeout(async () => {
			attempted.current = alias;
			setProblem(null);
			setAutoCancelled(false);
			setAutoEmail(alias);
			setStatus("auto");
			await finish(await client.signinWithAlias(alias), "auto"); // aborts the autofill request first
		}, EMAIL_DEBOUNCE_MS);
	};

	const signIn = (): void => {
		if (status === "button" || status === "finishing") return;
		clearTimeout(timer.current);
		const alias = email.trim().toLowerCase();
		setProblem(null);
		setAutoCancelled(false);
		setAutoEmail(null);
		setStatus("button");
		const started = isEmail(alias) ? client.signinWithAlias(alias) : client.signinWithDiscoverable();
		void started.then((result) => finish(result, "button"));
	};

	return { email, setEmail, signIn, status, autoEmail, problem, autoCancelled };
}
