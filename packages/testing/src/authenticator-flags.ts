/**
 * The controllable authenticator data flags.
 *
 * @example
 * ```ts
 * const synced: AuthenticatorFlags = { up: true, uv: true, be: true, bs: true };
 * ```
 */
export interface AuthenticatorFlags {
	/** User Present (bit 0). */
	up: boolean;
	/** User Verified (bit 2). */
	uv: boolean;
	/** Backup Eligible (bit 3). */
	be: boolean;
	/** Backup State (bit 4). */
	bs: boolean;
}
