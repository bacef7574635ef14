import { fromBase64Any, toBase64Url } from "../encoding.ts";
import type { TransferRecord } from "../store/store.ts";

/** The first line of every export: what it is and which format version. */
export interface ExportHeader {
	format: "latchkey-export";
	version: 1;
	exportedAt: string;
}

/** `flag`: a boolean that older exports lack (read as false). */
type FieldKind = "string" | "string?" | "number" | "boolean" | "boolean?" | "flag" | "date" | "date?" | "bytes" | "json" | "json?";

/** The fields of each record type, as they appear flattened on a line (the payload's own field names). */
const FIELDS: Record<TransferRecord["type"], Record<string, FieldKind>> = {
	app: { id: "string", settings: "json", createdAt: "date" },
	apiKey: {
		id: "string",
		appId: "string",
		kind: "string",
		scopes: "json",
		salt: "bytes",
		hash: "bytes",
		locked: "boolean",
		createdAt: "date",
	},
	authConfig: {
		appId: "string",
		purpose: "string",
		userVerification: "string",
		timeToLiveSeconds: "number",
		hints: "json",
		createdBy: "string",
		createdOn: "date?",
		editedBy: "string?",
		editedOn: "date?",
		lastUsedOn: "date?",
	},
	credential: {
		appId: "string",
		credentialId: "string",
		userId: "string",
		userHandle: "string",
		publicKey: "bytes",
		signCount: "number",
		transports: "json",
		aaguid: "string",
		attestationFmt: "string",
		attestationTrust: "json?",
		backupEligible: "boolean",
		backupState: "boolean",
		discoverable: "boolean?",
		rpId: "string",
		origin: "string",
		device: "string",
		country: "string",
		nickname: "string?",
		prfSupported: "flag",
		createdAt: "date",
		lastUsedAt: "date",
	},
	alias: { appId: "string", userId: "string", hash: "string", plaintext: "string?" },
	pool: { id: "string", appId: "string", region: "string", clientId: "string", createdAt: "date" },
	signingKey: {
		appId: "string",
		poolId: "string",
		kid: "string",
		publicJwk: "json",
		privateJwk: "json",
		retiredAt: "date?",
		createdAt: "date",
	},
	event: {
		appId: "string",
		performedAt: "date",
		eventType: "string",
		severity: "string",
		message: "string",
		performedBy: "string",
		subject: "string",
		apiKeyId: "string",
	},
};

function payloadOf(record: TransferRecord): Record<string, unknown> {
	switch (record.type) {
		case "app":
			return { ...record.app };
		case "apiKey":
			return { ...record.apiKey };
		case "authConfig":
			return { ...record.authConfig };
		case "credential":
			return { ...record.credential };
		case "alias":
			return { appId: record.appId, userId: record.userId, ...record.alias };
		case "pool":
			return { ...record.pool };
		case "signingKey":
			return { appId: record.appId, ...record.key };
		case "event":
			return { ...record.event };
	}
}

/**
 * One record as one JSON line (no newline): `{"type":"credential","appId":…}`, times as ISO 8601, bytes as base64url.
 * @param record - a record from `store.transfer.exportAll`
 */
export function encodeTransferRecord(record: TransferRecord): string {
	const payload = payloadOf(record);
	const line: Record<string, unknown> = { type: record.type };
	for (const [name, kind] of Object.entries(FIELDS[record.type])) {
		const value = payload[name];
		if (value instanceof Date) line[name] = value.toISOString();
		else if (kind === "bytes") line[name] = toBase64Url(value as Uint8Array);
		else line[name] = value;
	}
	return JSON.stringify(line);
}

/** Raised for a line that is not a valid record; names the line. */
export class TransferFormatError extends Error {
	constructor(lineNumber: number, message: string) {
		super(`line ${lineNumber}: ${message}`);
		this.name = "TransferFormatError";
	}
}

function decodeField(name: string, kind: FieldKind, value: unknown, fail: (message: string) => never): unknown {
	if (kind.endsWith("?") && (value === null || (kind === "json?" && value === undefined))) return null;
	if (kind === "flag") return value === undefined ? false : typeof value === "boolean" ? value : fail(`${name} must be a boolean`);
	const base = kind.replace("?", "");
	if (base === "json") return value === undefined ? fail(`${name} is missing`) : value;
	if (base === "date") {
		const date = typeof value === "string" ? new Date(value) : null;
		return date && !Number.isNaN(date.getTime()) ? date : fail(`${name} must be an ISO 8601 time`);
	}
	if (base === "bytes") {
		const bytes = typeof value === "string" ? fromBase64Any(value) : null;
		return bytes ?? fail(`${name} must be base64url`);
	}
	return typeof value === base ? value : fail(`${name} must be a ${base}${kind.endsWith("?") ? " or null" : ""}`);
}

/**
 * Parses one line of an export back into a record, checking every field's type.
 * @param text - the line
 * @param lineNumber - for the error message
 * @throws TransferFormatError for anything that is not a record
 */
export function decodeTransferRecord(text: string, lineNumber: number): TransferRecord {
	const fail = (message: string): never => {
		throw new TransferFormatError(lineNumber, message);
	};
	let line: unknown;
	try {
		line = JSON.parse(text);
	} catch {
		fail("not JSON");
	}
	if (typeof line !== "object" || line === null) return fail("not a JSON object");
	const type = (line as { type?: unknown }).type;
	if (typeof type !== "string" || !Object.hasOwn(FIELDS, type)) return fail(`unknown record type ${JSON.stringify(type)}`);
	const fields = FIELDS[type as TransferRecord["type"]];
	const p: Record<string, unknown> = {};
	for (const [name, kind] of Object.entries(fields)) p[name] = decodeField(name, kind, (line as Record<string, unknown>)[name], fail);
	switch (type as TransferRecord["type"]) {
		case "app":
			return { type: "app", app: p as never };
		case "apiKey":
			return { type: "apiKey", apiKey: p as never };
		case "authConfig":
			return { type: "authConfig", authConfig: p as never };
		case "credential":
			return { type: "credential", credential: p as never };
		case "alias":
			return {
				type: "alias",
				appId: p.appId as string,
				userId: p.userId as string,
				alias: { hash: p.hash as string, plaintext: p.plaintext as string | null },
			};
		case "pool":
			return { type: "pool", pool: p as never };
		case "signingKey": {
			const { appId, ...key } = p;
			return { type: "signingKey", appId: appId as string, key: key as never };
		}
		case "event":
			return { type: "event", event: p as never };
	}
}
