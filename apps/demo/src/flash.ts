import type { MessageKey } from "./translate.ts";
import type { UiProblem } from "./ui-problem.ts";

/** A message carried over to the next page: why the user landed there (session expired, logged out). */
export type Flash = { problem: UiProblem } | { info: MessageKey };
