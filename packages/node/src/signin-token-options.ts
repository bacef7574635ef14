/**
 * What `generateSigninToken` sends to `POST /signin/generate-token`: a verify token made without a ceremony (for
 * tests, account recovery, or your own magic links). The user need not exist.
 * @example
 * const options: SigninTokenOptions = { userId: "42", timeToLive: 600, purpose: "recovery" };
 */
export interface SigninTokenOptions {
	userId: string;
	/** Seconds until the token expires (1–604800). @default 120 */
	timeToLive?: number;
	/** Written into the verify token. @default "sign-in" */
	purpose?: string;
}
