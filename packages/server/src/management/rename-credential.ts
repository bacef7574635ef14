import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { canonicalBase64Url } from "../encoding.ts";
import type { App, Credential } from "../store/store.ts";

/** The longest nickname, as at `/register/complete`. */
const MAX_NICKNAME = 64;

/**
 * `POST /credentials/update`: sets a passkey's nickname (an empty or blank one, or null, clears it).
 * @param input - the app, the credential id (base64url or standard base64) and the new nickname
 * @param deps - the store
 * @returns the credential as now stored
 * @throws invalid_argument for a nickname over 64 characters, credential_not_found
 * @example const renamed = await renameCredential({ app, credentialId: "AQID", nickname: "Work laptop" }, deps);
 */
export async function renameCredential(
	input: { app: App; credentialId: string; nickname: string | null },
	deps: Pick<Deps, "store">,
): Promise<Credential> {
	const nickname = input.nickname?.trim() || null;
	if (nickname !== null && [...nickname].length > MAX_NICKNAME) {
		throw new PasskeyError("invalid_argument", { detail: `nickname must be at most ${MAX_NICKNAME} characters.` });
	}
	const id = canonicalBase64Url(input.credentialId);
	const renamed = id ? await deps.store.credentials.rename(input.app.id, id, nickname) : null;
	if (!renamed) throw new PasskeyError("credential_not_found", { detail: "This application has no credential with that id." });
	return renamed;
}

/**
 * `GET /credentials/get`: one passkey of the app, by its id in base64url or standard base64.
 * @throws credential_not_found
 */
export async function getCredential(input: { app: App; credentialId: string }, deps: Pick<Deps, "store">): Promise<Credential> {
	const id = canonicalBase64Url(input.credentialId);
	const found = id ? await deps.store.credentials.findById(input.app.id, id) : null;
	if (!found) throw new PasskeyError("credential_not_found", { detail: "This application has no credential with that id." });
	return found;
}
