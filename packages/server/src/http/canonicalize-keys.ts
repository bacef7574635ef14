/** A JSON-Schema-like node (TypeBox schemas are plain JSON Schema). */
interface SchemaNode {
	type?: string | string[];
	properties?: Record<string, SchemaNode>;
	items?: SchemaNode;
	anyOf?: SchemaNode[];
	oneOf?: SchemaNode[];
}

/** Rewrites a parsed JSON value so that its keys use the schema's spelling. */
export type KeyCanonicalizer = (value: unknown) => unknown;

const identity: KeyCanonicalizer = (value) => value;

/**
 * Builds, once per route, a function that renames object keys to the schema's spelling case-insensitively, at every
 * nesting level (upstream binds JSON with ASP.NET web defaults: `RPID`, `rpId` and `rpid` are one member).
 * An exact-case key wins over a key that only matches case-insensitively; unknown keys are left as they are.
 * A known member whose value is `null` is dropped: null means "not given" (SDKs send null for unset options), so
 * defaults apply and type coercion never turns a null into `0`, `""` or `false`.
 * @param schema - the route's body or querystring schema
 * @example createKeyCanonicalizer(schema)({ rpid: "x" }) // { RPID: "x" }
 */
export function createKeyCanonicalizer(schema: SchemaNode | undefined): KeyCanonicalizer {
	if (!schema) return identity;
	const variants = schema.anyOf ?? schema.oneOf;
	if (variants) {
		const objectVariant = variants.find((v) => v.properties);
		const arrayVariant = variants.find((v) => v.items);
		const chosen = objectVariant ?? arrayVariant;
		return chosen ? createKeyCanonicalizer(chosen) : identity;
	}
	if (schema.properties) {
		const byLower = new Map<string, { name: string; canonicalize: KeyCanonicalizer }>();
		for (const [name, sub] of Object.entries(schema.properties)) {
			byLower.set(name.toLowerCase(), { name, canonicalize: createKeyCanonicalizer(sub) });
		}
		return (value) => {
			if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
			const out: Record<string, unknown> = {};
			const exact = new Set<string>();
			for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
				const match = byLower.get(key.toLowerCase());
				if (!match) {
					if (!(key in out)) out[key] = inner;
					continue;
				}
				if (exact.has(match.name) || inner === null) continue;
				if (key === match.name) exact.add(key);
				out[match.name] = match.canonicalize(inner);
			}
			return out;
		};
	}
	if (schema.items) {
		const canonicalizeItem = createKeyCanonicalizer(schema.items);
		if (canonicalizeItem === identity) return identity;
		return (value) => (Array.isArray(value) ? value.map(canonicalizeItem) : value);
	}
	return identity;
}
