#!/usr/bin/env node
// Regenerates packages/server/data/authenticator-names.json from a downloaded copy of the community list
// passkeydeveloper/passkey-authenticator-aaguids (`aaguid.json`, or `combined_aaguid.json`, which adds the FIDO
// metadata entries and their PNG icons; both have the shape { "<aaguid>": { name, icon_light?, icon_dark? } }).
//
//   node scripts/refresh-authenticator-names.mjs <path-to-aaguid.json> [--commit <sha>] [--file <name in the repo>] [--icons]
//
// Names only by default: the list states no licence, and while product names are facts, the icons are the providers'
// logos. --icons keeps them (for an operator's own LATCHKEY_AUTHENTICATOR_NAMES file, not for the shipped one).
//
// Then update the commit in packages/server/data/README.md and run the server's tests.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const REPOSITORY = "https://github.com/passkeydeveloper/passkey-authenticator-aaguids";
const OUTPUT = new URL("../packages/server/data/authenticator-names.json", import.meta.url);
const AAGUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZERO = "00000000-0000-0000-0000-000000000000";

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		commit: { type: "string", default: "main" },
		file: { type: "string", default: "aaguid.json" },
		icons: { type: "boolean", default: false },
		output: { type: "string" },
	},
});
const [input] = positionals;
if (!input) {
	console.error("usage: node scripts/refresh-authenticator-names.mjs <path-to-aaguid.json> [--commit <sha>] [--file <name>]");
	process.exit(2);
}

const upstream = JSON.parse(readFileSync(input, "utf8"));
if (typeof upstream !== "object" || upstream === null || Array.isArray(upstream)) throw new Error(`${input}: not a JSON object`);
// Upstream empties the file when the list is retired (its README): refuse to ship an empty table by mistake.
if (Object.keys(upstream).length === 0) throw new Error(`${input}: the list is empty (retired upstream?); not writing it`);

const authenticators = {};
for (const [key, entry] of Object.entries(upstream).sort(([a], [b]) => a.localeCompare(b))) {
	const aaguid = key.toLowerCase();
	if (!AAGUID.test(aaguid) || aaguid === ZERO) throw new Error(`${input}: '${key}' is not an AAGUID`);
	if (typeof entry?.name !== "string" || entry.name.trim() === "") throw new Error(`${input}: ${key} has no name`);
	const out = { name: entry.name.trim() };
	if (values.icons && typeof entry.icon_light === "string" && entry.icon_light.startsWith("data:image/")) out.iconLight = entry.icon_light;
	if (values.icons && typeof entry.icon_dark === "string" && entry.icon_dark.startsWith("data:image/")) out.iconDark = entry.icon_dark;
	authenticators[aaguid] = out;
}

const data = {
	source: `${REPOSITORY}/blob/${values.commit}/${values.file}`,
	licence:
		"No licence is stated upstream (no LICENSE file; the README calls it a community-driven list for naming passkeys in passkey management interfaces, not for any other purpose).",
	generatedAt: new Date().toISOString(),
	authenticators,
};
const text = `${JSON.stringify(data, null, "\t")}\n`;
const output = values.output ?? OUTPUT;
writeFileSync(output, text);
const withoutIcons = JSON.stringify({
	...data,
	authenticators: Object.fromEntries(Object.entries(authenticators).map(([k, v]) => [k, { name: v.name }])),
});
console.log(
	`${Object.keys(authenticators).length} authenticators → ${output} (${text.length} bytes; ${withoutIcons.length} without icons)`,
);
