/**
 * A failed passkey ceremony in the browser, carrying `@latchkey/client`'s or Latchkey's `errorCode` (`no_passkeys`,
 * `credential_not_allowed`, `user_cancelled` …) and the problem's title.
 * @example
 * if (result.error) throw new CeremonyProblem(result.error.errorCode, result.error.title);
 */
export class CeremonyProblem extends Error {
	readonly code: string;

	constructor(code: string, title: string) {
		super(title);
		this.name = "CeremonyProblem";
		this.code = code;
	}
}
