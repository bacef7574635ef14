/**
 * One cookie's value from a `Cookie` request header.
 * @param header - the header, if any
 * @param name - the cookie's name
 * @returns the URI-decoded value, or `undefined` when absent or badly encoded
 * @example
 * readCookie("theme=dark; lk_session=eyJ…", "lk_session"); // "eyJ…"
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
	const pair = (header ?? "")
		.split(";")
		.map((part) => part.trim())
		.find((part) => part.startsWith(`${name}=`));
	if (pair === undefined) return undefined;
	try {
		return decodeURIComponent(pair.slice(name.length + 1));
	} catch {
		return undefined;
	}
}
