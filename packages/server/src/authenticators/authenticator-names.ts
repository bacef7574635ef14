import { readFileSync } from "node:fs";
import { PACKAGE_ROOT } from "../package-root.ts";

/** A passkey provider as the names table holds it: icons are `data:image/…` URIs. */
export interface AuthenticatorEntry {
	name: string;
	iconLight?: string;
	iconDark?: string;
}

/** Display names (and icons) of authenticator models by AAGUID. */
export interface AuthenticatorNames {
	/** The provider's name, e.g. "Google Password Manager"; `undefined` when unknown or for the all-zero AAGUID. */
	nameOf(aaguid: string): string | undefined;
	/** The provider's icon for a light or dark background, a `data:` URI; `undefined` when there is none. */
	iconOf(aaguid: string, theme: "light" | "dark"): string | undefined;
}

/** The table shipped with the server (data/README.md says where it comes from and how to refresh it). */
const SHIPPED_FILE = new URL("data/authenticator-names.json", PACKAGE_ROOT);
const ZERO_AAGUID = "00000000-0000-0000-0000-000000000000";

/**
 * The names table: the one shipped in `data/authenticator-names.json`, with the entries of `overrideFile` (an operator's
 * `LATCHKEY_AUTHENTICATOR_NAMES`) added over it. Nothing is read until the first lookup, and then only once.
 * @param options - `overrideFile`: a file in upstream's shape (`{ "<aaguid>": { name, icon_light?, icon_dark? } }`,
 *   as `aaguid.json` or `combined_aaguid.json`) or in the shipped file's (`{ authenticators: { … } }`); "" = none
 * @throws Error at the first lookup when a file is missing or is not such a table (`loadConfig` checks the
 *   override before start-up, so a server does not start with a bad one)
 * @example
 * const names = loadAuthenticatorNames({ overrideFile: config.authenticatorNamesFile });
 * names.nameOf("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"); // "Google Password Manager"
 */
export function loadAuthenticatorNames(options: { overrideFile?: string } = {}): AuthenticatorNames {
	let table: Map<string, AuthenticatorEntry> | undefined;
	const load = (): Map<string, AuthenticatorEntry> => {
		if (table) return table;
		const loaded = readTable(SHIPPED_FILE);
		if (options.overrideFile) for (const [aaguid, entry] of readTable(options.overrideFile)) loaded.set(aaguid, entry);
		table = loaded;
		return table;
	};
	return namesFrom(load);
}

/**
 * A names table from entries in memory, for tests and for callers with their own source.
 * @example authenticatorNamesOf({ "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": { name: "Apple Passwords" } })
 */
export function authenticatorNamesOf(entries: Record<string, AuthenticatorEntry>): AuthenticatorNames {
	const table = new Map(Object.entries(entries).map(([aaguid, entry]) => [aaguid.toLowerCase(), entry]));
	return namesFrom(() => table);
}

function namesFrom(table: () => Map<string, AuthenticatorEntry>): AuthenticatorNames {
	const entry = (aaguid: string): AuthenticatorEntry | undefined => {
		const key = aaguid.toLowerCase();
		return key === ZERO_AAGUID ? undefined : table().get(key);
	};
	return {
		nameOf: (aaguid) => entry(aaguid)?.name,
		iconOf: (aaguid, theme) => (theme === "dark" ? entry(aaguid)?.iconDark : entry(aaguid)?.iconLight),
	};
}

/** Reads a names file in either shape; throws an Error that names the file and what is wrong with it. */
function readTable(file: string | URL): Map<string, AuthenticatorEntry> {
	const where = file instanceof URL ? file.pathname : file;
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(file, "utf8"));
	} catch (error) {
		throw new Error(`authenticator names file ${where} cannot be read as JSON: ${(error as Error).message}`, { cause: error });
	}
	const root = isObject(json) && isObject(json.authenticators) ? json.authenticators : json;
	if (!isObject(root)) throw new Error(`authenticator names file ${where} is not a JSON object of AAGUIDs`);
	const table = new Map<string, AuthenticatorEntry>();
	for (const [aaguid, value] of Object.entries(root)) {
		if (!isObject(value) || typeof value.name !== "string" || value.name === "") {
			throw new Error(`authenticator names file ${where}: ${aaguid} has no name`);
		}
		const entry: AuthenticatorEntry = { name: value.name };
		const light = value.iconLight ?? value.icon_light;
		const dark = value.iconDark ?? value.icon_dark;
		if (typeof light === "string") entry.iconLight = light;
		if (typeof dark === "string") entry.iconDark = dark;
		table.set(aaguid.toLowerCase(), entry);
	}
	return table;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}
