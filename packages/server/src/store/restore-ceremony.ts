import type { AuthenticationState, Ceremony, RegistrationState } from "./model.ts";

/**
 * Rebuilds a stored ceremony from its columns: `kind`, and `state` as parsed from the JSON the store wrote for a
 * ceremony of that kind (the one place its type is taken on trust). A kind this server never writes gives null, so
 * such a row reads as no ceremony at all.
 * @param stored - the columns, named as in {@link Ceremony}
 */
export function restoreCeremony(stored: { id: string; appId: string; kind: string; state: unknown; expiresAt: Date }): Ceremony | null {
	const { id, appId, expiresAt } = stored;
	if (stored.kind === "registration") return { id, appId, kind: "registration", state: stored.state as RegistrationState, expiresAt };
	if (stored.kind === "authentication") return { id, appId, kind: "authentication", state: stored.state as AuthenticationState, expiresAt };
	return null;
}
