import type { TransferCounts, TransferRecord } from "./model.ts";

/** The app a transfer record belongs to. */
export function transferRecordAppId(record: TransferRecord): string {
	switch (record.type) {
		case "app":
			return record.app.id;
		case "apiKey":
			return record.apiKey.appId;
		case "authConfig":
			return record.authConfig.appId;
		case "credential":
			return record.credential.appId;
		case "alias":
		case "signingKey":
			return record.appId;
		case "pool":
			return record.pool.appId;
		case "event":
			return record.event.appId;
	}
}

/** Counts that start an import. */
export function emptyTransferCounts(): TransferCounts {
	return { app: 0, apiKey: 0, authConfig: 0, credential: 0, alias: 0, pool: 0, signingKey: 0, event: 0 };
}
