import type { TransferRecord } from "../model.ts";
import type { TransferStore } from "../store.ts";
import { emptyTransferCounts, transferRecordAppId } from "../transfer-records.ts";
import { ck, copy, type MemoryContext } from "./memory-context.ts";

/** Export and import of the memory store. */
export function createMemoryTransfer(ctx: MemoryContext): TransferStore {
	const { state, exportRecords } = ctx;
	const { apps, keys, credentials, aliases, authConfigs } = state;
	return {
		async *exportAll(options) {
			yield* exportRecords(options.events);
		},
		async importAll(records) {
			if (apps.size > 0) throw new Error("the store already holds apps; import needs an empty database");
			const counts = emptyTransferCounts();
			const staged: TransferRecord[] = [];
			const appIds = new Set<string>();
			for await (const record of records) {
				const appId = transferRecordAppId(record);
				if (record.type === "app") appIds.add(appId);
				else if (!appIds.has(appId)) throw new Error(`a ${record.type} record names app '${appId}' before (or without) its app record`);
				staged.push(copy(record));
				counts[record.type]++;
			}
			for (const r of staged) {
				if (r.type === "app") {
					apps.set(r.app.id, r.app);
					keys.set(r.app.id, []);
				} else if (r.type === "apiKey") keys.get(r.apiKey.appId)?.push(r.apiKey);
				else if (r.type === "authConfig") authConfigs.set(ck(r.authConfig.appId, r.authConfig.purpose), r.authConfig);
				else if (r.type === "credential") credentials.set(ck(r.credential.appId, r.credential.credentialId), r.credential);
				else if (r.type === "alias") aliases.set(ck(r.appId, r.alias.hash), { alias: r.alias, userId: r.userId });
				else if (r.type === "pool") state.pools.set(r.pool.id, r.pool);
				else if (r.type === "signingKey") {
					const list = state.signingKeys.get(r.key.poolId) ?? [];
					list.push(r.key);
					list.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.kid < b.kid ? 1 : -1));
					state.signingKeys.set(r.key.poolId, list);
				} else state.events.push(r.event);
			}
			return counts;
		},
	};
}
