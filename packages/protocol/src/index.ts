export type { ErrorCode } from "./error-codes.ts";
export { ERROR_CODES, isErrorCode } from "./error-codes.ts";
export type { PasskeyErrorOptions, ProblemExtras } from "./passkey-error.ts";
export { isPasskeyError, PasskeyError } from "./passkey-error.ts";
export type { ProblemDetails } from "./problem-details.ts";
export { PROBLEM_CONTENT_TYPE } from "./problem-details.ts";
