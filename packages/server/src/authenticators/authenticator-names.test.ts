import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PACKAGE_ROOT } from "../package-root.ts";
import { authenticatorNamesOf, loadAuthenticatorNames } from "./authenticator-names.ts";

const APPLE = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd";
const GOOGLE = "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4";
const ZERO = "00000000-0000-0000-0000-000000000000";
const UNKNOWN = "01234567-89ab-cdef-0123-456789abcdef";

const dir = mkdtempSync(join(tmpdir(), "latchkey-names-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
};

describe("loadAuthenticatorNames: the shipped table", () => {
	const names = loadAuthenticatorNames();

	it("names well-known passkey providers, in any case", () => {
		// Upstream renamed "iCloud Keychain" to "Apple Passwords" (data/README.md has the commit).
		assert.equal(names.nameOf(APPLE), "Apple Passwords");
		assert.equal(names.nameOf(APPLE.toUpperCase()), "Apple Passwords");
		assert.equal(names.nameOf(GOOGLE), "Google Password Manager");
		assert.equal(names.nameOf("6028b017-b1d4-4c02-b4b3-afcdafc96bb2"), "Windows Hello");
	});

	it("ships names only: the providers' icons come with no licence, so they come from an operator's file", () => {
		assert.equal(names.iconOf(GOOGLE, "light"), undefined);
		assert.equal(names.iconOf(GOOGLE, "dark"), undefined);
	});

	it("answers undefined for an unknown AAGUID and for the all-zero one", () => {
		assert.equal(names.nameOf(UNKNOWN), undefined);
		assert.equal(names.nameOf(ZERO), undefined);
		assert.equal(names.iconOf(ZERO, "light"), undefined);
		assert.equal(names.iconOf(UNKNOWN, "dark"), undefined);
	});

	it("ships a file that says where it comes from, under what terms, and holds only lower-case AAGUIDs with names", () => {
		const data = JSON.parse(readFileSync(new URL("data/authenticator-names.json", PACKAGE_ROOT), "utf8"));
		assert.match(data.source, /^https:\/\/github\.com\/passkeydeveloper\/passkey-authenticator-aaguids\/blob\/[0-9a-f]{40}\//);
		assert.equal(typeof data.licence, "string");
		assert.ok(!Number.isNaN(Date.parse(data.generatedAt)));
		const entries = Object.entries<{ name: string }>(data.authenticators);
		assert.ok(entries.length > 40, `${entries.length} entries`);
		for (const [aaguid, entry] of entries) {
			assert.match(aaguid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
			assert.ok(entry.name.length > 0, aaguid);
		}
	});
});

describe("loadAuthenticatorNames: an operator's file", () => {
	it("overrides and extends the shipped table, in upstream's shape", () => {
		const path = file(
			"upstream.json",
			JSON.stringify({
				[APPLE.toUpperCase()]: { name: "iCloud Keychain", icon_light: "data:image/svg+xml;base64,AA==" },
				[UNKNOWN]: { name: "Acme Key", icon_dark: "data:image/png;base64,AA==" },
			}),
		);
		const names = loadAuthenticatorNames({ overrideFile: path });
		assert.equal(names.nameOf(APPLE), "iCloud Keychain");
		assert.equal(names.iconOf(APPLE, "light"), "data:image/svg+xml;base64,AA==");
		assert.equal(names.iconOf(APPLE, "dark"), undefined, "the override replaces the whole entry");
		assert.equal(names.nameOf(UNKNOWN), "Acme Key");
		assert.equal(names.iconOf(UNKNOWN, "dark"), "data:image/png;base64,AA==");
		assert.equal(names.nameOf(GOOGLE), "Google Password Manager", "entries it does not name stay");
	});

	it("reads the shipped file's own shape", () => {
		const path = file(
			"ours.json",
			JSON.stringify({ source: "x", authenticators: { [UNKNOWN]: { name: "Acme Key", iconLight: "data:a" } } }),
		);
		const names = loadAuthenticatorNames({ overrideFile: path });
		assert.equal(names.nameOf(UNKNOWN), "Acme Key");
		assert.equal(names.iconOf(UNKNOWN, "light"), "data:a");
	});

	it("reads nothing until the first lookup, then throws a clear error for a missing or bad file", () => {
		const missing = loadAuthenticatorNames({ overrideFile: join(dir, "absent.json") });
		assert.throws(() => missing.nameOf(APPLE), /authenticator names file .*absent\.json cannot be read as JSON/);
		const broken = loadAuthenticatorNames({ overrideFile: file("broken.json", "{ not json") });
		assert.throws(() => broken.nameOf(APPLE), /broken\.json cannot be read as JSON/);
		const nameless = loadAuthenticatorNames({ overrideFile: file("nameless.json", JSON.stringify({ [UNKNOWN]: { icon_light: "x" } })) });
		assert.throws(() => nameless.nameOf(APPLE), new RegExp(`nameless\\.json: ${UNKNOWN} has no name`));
		assert.throws(() => loadAuthenticatorNames({ overrideFile: file("list.json", "[]") }).nameOf(APPLE), /not a JSON object/);
	});
});

describe("authenticatorNamesOf", () => {
	it("is a table from memory, for tests", () => {
		const names = authenticatorNamesOf({ [UNKNOWN.toUpperCase()]: { name: "Acme Key" }, [ZERO]: { name: "never" } });
		assert.equal(names.nameOf(UNKNOWN), "Acme Key");
		assert.equal(names.nameOf(ZERO), undefined);
		assert.equal(names.nameOf(APPLE), undefined);
	});
});
