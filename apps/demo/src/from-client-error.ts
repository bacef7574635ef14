import type { ProblemDetails } from "@latchkey/client";
import type { UiProblem } from "./ui-problem.ts";

/**
 * A `@latchkey/client` failure as a UI problem. Client codes (`user_cancelled`, `no_passkey_for_site`, …) and
 * Latchkey's server codes keep their code; {@link problemText} falls back to a generic text for codes it does not know.
 * @param error - the `error` of a `{ error }` result
 * @example
 * if (result.error) setProblem(fromClientError(result.error));
 */
export function fromClientError(error: ProblemDetails): UiProblem {
	return { code: error.errorCode || "unknown" };
}
