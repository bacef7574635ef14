/**
 * An authentication configuration as `GET /auth-configs/list` writes it (reference §4.10, inside
 * `{ configurations: [...] }`).
 * @example
 * const { configurations }: { configurations: AuthConfigJson[] } = await (await fetch(`${apiUrl}/auth-configs/list`, init)).json();
 */
export interface AuthConfigJson {
	/** `sign-in`, `step-up` or the app's own. */
	purpose: string;
	/** `preferred`, `required` or `discouraged`. */
	userVerificationRequirement: string;
	/** Whole seconds. */
	timeToLive: number;
	/** C#-style names joined with ", " (upstream's format), e.g. "SecurityKey, ClientDevice". */
	hints: string;
	createdBy: string;
	/** ISO-8601 UTC; `null` for the presets. */
	createdOn: string | null;
	editedBy: string | null;
	editedOn: string | null;
	lastUsedOn: string | null;
}
