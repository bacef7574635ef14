import { Component, type OnInit, signal } from "@angular/core";
import { Client, type PromiseResult, type TokenResponse } from "@latchkey/client";
import { ApiProblem } from "./api-problem.ts";
import { BackendApi, type PasskeySummary, type SignedInUser } from "./backend-api.ts";
import { CeremonyProblem } from "./ceremony-problem.ts";
import { PasskeyList } from "./passkey-list.ts";
import { problemMessage } from "./problem-message.ts";

/** What the status region says: progress and success politely, failures with their code. */
interface Status {
	kind: "info" | "success" | "error";
	text: string;
	code?: string;
}

/**
 * The page: an e-mail, "Register passkey" and "Sign in with passkey"; once signed in, who you are, your passkeys
 * with Delete, and Sign out. The backend issues every token (register_, signin_) and verifies the result; this
 * page only runs the ceremonies with `@latchkey/client` and the public key from `GET /api/config`.
 * @example
 * bootstrapApplication(App, appConfig);
 */
@Component({
	selector: "app-root",
	imports: [PasskeyList],
	template: `
		<header class="banner">
			<p class="brand">Latchkey · Angular + Express</p>
		</header>
		<main>
			<h1>Sign in with a passkey</h1>
			@if (user(); as current) {
				<section class="card" aria-labelledby="account-heading">
					<h2 id="account-heading">Your account</h2>
					<p id="signed-in">Signed in as <strong>{{ current.email }}</strong></p>
					<app-passkey-list [passkeys]="passkeys()" [busy]="busy()" (remove)="deletePasskey($event)" />
					<div class="actions">
						<button id="add-passkey-button" type="button" [disabled]="busy()" (click)="register(current.email)">Add a passkey</button>
						<button id="signout-button" type="button" class="secondary" [disabled]="busy()" (click)="signOut()">Sign out</button>
					</div>
				</section>
			} @else {
				<section class="card" aria-labelledby="signin-heading">
					<h2 id="signin-heading">Register or sign in</h2>
					<form (submit)="$event.preventDefault(); signIn(email())">
						<label for="email">E-mail</label>
						<input
							#emailInput
							id="email"
							name="email"
							type="email"
							autocomplete="username webauthn"
							aria-describedby="email-hint"
							required
							[value]="email()"
							(input)="email.set(emailInput.value)"
						/>
						<p id="email-hint" class="hint">Your e-mail is your username. Your device (Windows Hello, Touch ID, a phone) keeps the passkey.</p>
						<div class="actions">
							<button id="signin-button" type="submit" [disabled]="busy()">Sign in with passkey</button>
							<button id="register-button" type="button" class="secondary" [disabled]="busy()" (click)="register(email())">Register passkey</button>
						</div>
					</form>
				</section>
			}
			<p id="status" role="status" aria-live="polite" [class]="'status status--' + status().kind" [attr.data-code]="status().code ?? null">{{ status().text }}</p>
		</main>
	`,
})
export class App implements OnInit {
	protected readonly email = signal("");
	protected readonly user = signal<SignedInUser | null>(null);
	protected readonly passkeys = signal<PasskeySummary[]>([]);
	protected readonly busy = signal(false);
	protected readonly status = signal<Status>({ kind: "info", text: "" });
	private readonly api = new BackendApi();
	private client: Promise<Client> | undefined;

	ngOnInit(): void {
		this.client = this.api.get<{ apiUrl: string; apiKey: string }>("/api/config").then((config) => new Client(config));
		void this.run("", async () => {
			const me = await this.api.get<SignedInUser>("/api/me").catch((error: unknown) => {
				if (error instanceof ApiProblem && error.status === 401) return null;
				throw error;
			});
			if (me) await this.enter(me);
			return "";
		});
	}

	/** Registers a passkey for this e-mail (a new account, or another passkey for the signed-in one) and signs in. */
	protected register(email: string): Promise<void> {
		return this.run("Creating your passkey…", async () => {
			const { token } = await this.api.post<{ token: string }>("/api/register-token", { email: email.trim() });
			const user = await this.verify((await this.requireClient()).register(token));
			await this.enter(user);
			return `Passkey registered. Signed in as ${user.email}.`;
		});
	}

	/** Signs in with the backend's single-use sign-in token for this e-mail: only its passkeys can complete it. */
	protected signIn(email: string): Promise<void> {
		return this.run("Waiting for your passkey…", async () => {
			const { token } = await this.api.post<{ token: string }>("/api/signin-token", { email: email.trim() });
			const user = await this.verify((await this.requireClient()).signin({ token }));
			await this.enter(user);
			return `Signed in as ${user.email}.`;
		});
	}

	protected deletePasskey(passkey: PasskeySummary): Promise<void> {
		return this.run(`Deleting ${passkey.nickname}…`, async () => {
			await this.api.delete(`/api/credentials/${encodeURIComponent(passkey.id)}`);
			await this.loadPasskeys();
			return this.passkeys().length === 0
				? "Passkey deleted. This account has no passkey left: add one before you sign out."
				: "Passkey deleted.";
		});
	}

	protected signOut(): Promise<void> {
		return this.run("Signing out…", async () => {
			await this.api.post<void>("/api/signout");
			this.user.set(null);
			this.passkeys.set([]);
			return "You have signed out.";
		});
	}

	private async requireClient(): Promise<Client> {
		if (!this.client) throw new ApiProblem("internal_error", 0, "The page has not started yet.");
		return this.client;
	}

	/**
	 * Waits for a ceremony's verify_ token and hands it to the backend, which starts the session; then asks the
	 * backend who is signed in (`GET /api/me`), as the page does on load.
	 */
	private async verify(ceremony: PromiseResult<TokenResponse>): Promise<SignedInUser> {
		const result = await ceremony;
		if (result.error) throw new CeremonyProblem(result.error.errorCode, result.error.title);
		await this.api.post<SignedInUser>("/api/signin-verify", { token: result.token });
		return this.api.get<SignedInUser>("/api/me");
	}

	private async enter(user: SignedInUser): Promise<void> {
		this.user.set(user);
		this.email.set(user.email);
		await this.loadPasskeys();
	}

	private async loadPasskeys(): Promise<void> {
		this.passkeys.set((await this.api.get<{ credentials: PasskeySummary[] }>("/api/credentials")).credentials);
	}

	/** Runs one action at a time: busy while it runs, its outcome (or its failure, explained) in the status region. */
	private async run(progress: string, action: () => Promise<string>): Promise<void> {
		this.busy.set(true);
		this.status.set({ kind: "info", text: progress });
		try {
			const done = await action();
			this.status.set({ kind: done ? "success" : "info", text: done });
		} catch (error) {
			const code = error instanceof ApiProblem || error instanceof CeremonyProblem ? error.code : "unknown";
			const fallback = error instanceof Error ? error.message : undefined;
			this.status.set({ kind: "error", text: problemMessage(code, fallback), code });
		} finally {
			this.busy.set(false);
		}
	}
}
