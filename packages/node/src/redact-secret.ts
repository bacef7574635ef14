/** Shorter runs of the secret are too common to be worth hiding (e.g. `:secret:`). */
const MIN_RUN = 8;

/**
 * Replaces the secret, and any run of 8 or more of its characters, with `[redacted]`. A server may echo the start of
 * a malformed `ApiSecret` header in an error `detail` ("It started with: '…'"), and errors end up in logs.
 * @param text - any text from the server
 * @param secret - the API secret
 * @returns the text without the secret
 * @example
 * redactSecret("It started with: 'a1b2c3d4e5'", "a1b2c3d4e5f6a7b8"); // "It started with: '[redacted]'"
 */
export function redactSecret(text: string, secret: string): string {
	let result = text;
	for (let length = secret.length; length >= MIN_RUN; length--) {
		for (let start = 0; start + length <= secret.length; start++) {
			const run = secret.slice(start, start + length);
			if (result.includes(run)) result = result.split(run).join("[redacted]");
		}
	}
	return result;
}
