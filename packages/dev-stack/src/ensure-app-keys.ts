import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { LATCHKEY_BIN } from "./latchkey-bin.ts";

const run = promisify(execFile);

/** An app's id and keys, as `latchkey app create --json` prints them. */
export interface AppKeys {
	appId: string;
	apiKey: string;
	apiSecret: string;
}

/**
 * An app's keys: read from `keysFile` and checked against the server, or created (RP ID localhost) and written there
 * (mode 0600) when the file is missing or the database no longer has the app. A taken id gets a random suffix.
 * @param options - Latchkey's URL, the wanted app id, the keys file, and the folder the CLI runs in
 * @throws Error when the CLI cannot create the app, or the server runs on another database than the CLI's data/
 * @example
 * const keys = await ensureAppKeys({ apiUrl: "http://127.0.0.1:4000", appId: "demo", keysFile: "data/demo-app-keys.json", cwd });
 */
export async function ensureAppKeys(options: { apiUrl: string; appId: string; keysFile: string; cwd: string }): Promise<AppKeys> {
	const { apiUrl, appId, keysFile, cwd } = options;
	const known = async (keys: AppKeys): Promise<boolean> =>
		(await fetch(`${apiUrl}/users/count`, { headers: { ApiSecret: keys.apiSecret } })).ok;
	if (existsSync(keysFile)) {
		const keys = JSON.parse(readFileSync(keysFile, "utf8")) as AppKeys;
		if (await known(keys)) return keys;
	}
	for (const id of [appId, `${appId}${randomBytes(3).toString("hex")}`]) {
		let keys: AppKeys;
		try {
			const { stdout } = await run(process.execPath, [LATCHKEY_BIN, "app", "create", id, "--rp-id", "localhost", "--json"], { cwd });
			keys = JSON.parse(stdout) as AppKeys;
		} catch (error) {
			if (String((error as { stderr?: string }).stderr ?? "").includes("exists")) continue;
			throw error;
		}
		// The CLI wrote to data/latchkey.db; a server on another database would refuse the keys at every call.
		if (!(await known(keys)))
			throw new Error(
				`the Latchkey at ${apiUrl} does not know the app ${id} just created in data/: it uses another database (stop it, or set LATCHKEY_PORT)`,
			);
		writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
		return keys;
	}
	throw new Error(`could not create the app ${appId}`);
}
