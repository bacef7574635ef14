/**
 * Reads one cookie from a `Cookie` request header.
 * @param header - the header's value, if any
 * @param name - the cookie's name
 * @returns the (URI-decoded) value, or `undefined`
 * @example
 * readCookie("a=1; demo_session=eyJ…", "demo_session"); // "eyJ…"
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
	for (const part of (header ?? "").split(";")) {
		const index = part.indexOf("=");
		if (index > 0 && part.slice(0, index).trim() === name) {
			try {
				return decodeURIComponent(part.slice(index + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}
