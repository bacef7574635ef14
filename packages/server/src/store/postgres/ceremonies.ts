import { PasskeyError } from "@latchkey/protocol";
import type pg from "pg";
import type { CeremonyStore } from "../store.ts";
import { constraintOf, guarded, replaceAliases } from "./postgres-helpers.ts";
import { inTransaction, query } from "./postgres-queries.ts";
import { type CeremonyRow, credentialValues, toCeremony } from "./postgres-rows.ts";

/** The ceremonies on PostgreSQL; each finish is one transaction. */
export function createPostgresCeremonyStore(pool: pg.Pool): CeremonyStore {
	return guarded({
		async put(c) {
			await query(pool, "putCeremony", [c.id, c.appId, c.kind, JSON.stringify(c.state), c.expiresAt]);
		},
		async take(appId, id) {
			const { rows } = await query<CeremonyRow>(pool, "takeCeremony", [id, appId]);
			return rows[0] ? toCeremony(rows[0]) : null;
		},
		async find(appId, id) {
			const { rows } = await query<CeremonyRow>(pool, "findCeremony", [id, appId]);
			return rows[0] ? toCeremony(rows[0]) : null;
		},
		async finishSignIn({ ceremony, use, counterMustMatch, token }) {
			const { rows } = await query<{ taken: boolean; used: boolean }>(pool, "finishSignIn", [
				ceremony.id,
				ceremony.appId,
				use.signCount,
				use.backupState,
				use.usedAt,
				use.device,
				use.country,
				use.credentialId,
				use.expectedSignCount,
				token.id,
				token.kind,
				JSON.stringify(token.payload),
				token.expiresAt,
				counterMustMatch,
				use.prfSupported === true,
			]);
			if (!rows[0]?.taken) return "ceremony_gone";
			return rows[0].used || !counterMustMatch ? "done" : "counter_conflict";
		},
		async finishRegistration({ ceremony, credential, aliases, token }) {
			try {
				return await inTransaction(pool, async (client) => {
					if ((await query(client, "takeCeremony", [ceremony.id, ceremony.appId])).rowCount !== 1) return "ceremony_gone" as const;
					if (aliases !== null) await replaceAliases(client, credential.appId, credential.userId, aliases);
					await query(client, "insertCredential", credentialValues(credential));
					await query(client, "putToken", [token.id, token.appId, token.kind, JSON.stringify(token.payload), token.expiresAt]);
					return "done" as const;
				});
			} catch (error) {
				const constraint = constraintOf(error);
				if (constraint === "credentials_pkey") throw new PasskeyError("credential_already_registered");
				if (constraint === "aliases_pkey") throw new PasskeyError("alias_conflict");
				throw error;
			}
		},
	});
}
