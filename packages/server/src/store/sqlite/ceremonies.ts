import { PasskeyError } from "@latchkey/protocol";
import type { Ceremony } from "../model.ts";
import type { CeremonyStore } from "../store.ts";
import type { SqliteContext } from "./sqlite-context.ts";
import { type StateRow, toCeremony } from "./sqlite-rows.ts";

/** The ceremonies on SQLite; every write, and each finish as one, goes through the group commit. */
export function createSqliteCeremonyStore(ctx: SqliteContext): CeremonyStore {
	const { q, group, writes } = ctx;
	return {
		async put(c: Ceremony) {
			const state = JSON.stringify(c.state);
			await group.write(() => q.putCeremony.run(c.id, c.appId, c.kind, state, c.expiresAt.getTime()));
		},
		async find(appId, id) {
			const row = q.findCeremony.get(id, appId) as StateRow | undefined;
			return row ? toCeremony(row) : null;
		},
		async take(appId, id) {
			const row = await group.write(() => q.takeCeremony.get(id, appId) as StateRow | undefined);
			return row ? toCeremony(row) : null;
		},
		// One queued write each: the take, the counter or credential and the token commit together (one WAL commit
		// per ceremony step instead of three).
		async finishSignIn(f) {
			const payload = JSON.stringify(f.token.payload);
			return group.write(() => {
				if (q.dropCeremony.run(f.ceremony.id, f.ceremony.appId).changes !== 1) return "ceremony_gone";
				if (!writes.recordUse(f.use) && f.counterMustMatch) return "counter_conflict";
				q.putToken.run(f.token.id, f.token.appId, f.token.kind, payload, f.token.expiresAt.getTime());
				return "done";
			});
		},
		async finishRegistration(f) {
			const payload = JSON.stringify(f.token.payload);
			try {
				// A throw inside the write rolls back its savepoint: the ceremony is then not taken either.
				return await group.write(() => {
					if (q.dropCeremony.run(f.ceremony.id, f.ceremony.appId).changes !== 1) return "ceremony_gone";
					writes.registerCredential(f.credential, f.aliases);
					q.putToken.run(f.token.id, f.token.appId, f.token.kind, payload, f.token.expiresAt.getTime());
					return "done";
				});
			} catch (error) {
				if (writes.isUniqueViolation(error)) throw new PasskeyError("credential_already_registered");
				throw error;
			}
		},
	};
}
