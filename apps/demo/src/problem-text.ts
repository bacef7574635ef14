import { isMessageKey, type MessageKey } from "./translate.ts";
import type { UiProblem } from "./ui-problem.ts";

/**
 * What to tell the user about a failure: what happened and what to do next, as message keys. Unknown codes (for
 * example a Latchkey server code the demo does not expect) get the generic "Something went wrong" text.
 * @param problem - the failure
 * @example
 * const { message, hint } = problemText({ code: "user_cancelled" }); // errors.user_cancelled, hints.user_cancelled
 */
export function problemText(problem: UiProblem): { message: MessageKey; hint: MessageKey } {
	const message = `errors.${problem.code}`;
	const hint = `hints.${problem.code}`;
	if (isMessageKey(message) && isMessageKey(hint)) return { message, hint };
	return { message: "errors.unknown", hint: "hints.unknown" };
}
