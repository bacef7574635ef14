/**
 * What `setAppFeatures` sends to `POST /apps/features`; members left out keep their current value.
 * @example
 * await latchkey.setAppFeatures({ enableMagicLinks: false, eventLoggingRetentionPeriod: 30 });
 */
export interface AppFeatures {
	/** Days to keep events (0–90). */
	eventLoggingRetentionPeriod?: number;
	/** Whether `POST /signin/generate-token` works. */
	enableManuallyGeneratedAuthenticationTokens?: boolean;
	/** Whether `POST /magic-links/send` works. */
	enableMagicLinks?: boolean;
}
