/** A failure as the UI shows it: a stable code (demo API, `@latchkey/client` or Latchkey) and per-field problems. */
export interface UiProblem {
	code: string;
	/** Field name → the server's English message (the UI shows its own `fields.<name>` text). */
	fields?: Record<string, string>;
}
