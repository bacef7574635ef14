import {
	type ApiKeyRecord,
	type App,
	type AuditEvent,
	type AuthConfig,
	type Ceremony,
	type Credential,
	DEFAULT_APP_SETTINGS,
	type Token,
} from "../model.ts";
import { restoreCeremony } from "../restore-ceremony.ts";

// Rows as better-sqlite3 returns them (times as epoch milliseconds, booleans as 0/1, JSON as text), and their
// camelCase objects: the only place a SQLite column name meets the rest of the code.

export interface AppRow {
	id: string;
	settings: string;
	created_at: number;
}

/** An `apps` row as an App, its settings filled in from the defaults. */
export function toApp(row: AppRow): App {
	return {
		id: row.id,
		settings: { ...DEFAULT_APP_SETTINGS, ...(JSON.parse(row.settings) as Partial<App["settings"]>) } as App["settings"],
		createdAt: new Date(row.created_at),
	};
}

export interface CredentialRow {
	app_id: string;
	credential_id: string;
	user_id: string;
	user_handle: string;
	public_key: Uint8Array;
	sign_count: number;
	transports: string;
	aaguid: string;
	attestation_fmt: string;
	attestation_trust: string | null;
	backup_eligible: number;
	backup_state: number;
	discoverable: number | null;
	rp_id: string;
	origin: string;
	device: string;
	country: string;
	nickname: string | null;
	prf_supported: number;
	created_at: number;
	last_used_at: number;
}

/** A `credentials` row as a Credential. */
export function toCredential(row: CredentialRow): Credential {
	return {
		appId: row.app_id,
		credentialId: row.credential_id,
		userId: row.user_id,
		userHandle: row.user_handle,
		publicKey: new Uint8Array(row.public_key),
		signCount: row.sign_count,
		transports: JSON.parse(row.transports) as string[],
		aaguid: row.aaguid,
		attestationFmt: row.attestation_fmt,
		attestationTrust: row.attestation_trust === null ? null : (JSON.parse(row.attestation_trust) as Credential["attestationTrust"]),
		backupEligible: row.backup_eligible === 1,
		backupState: row.backup_state === 1,
		discoverable: row.discoverable === null ? null : row.discoverable === 1,
		rpId: row.rp_id,
		origin: row.origin,
		device: row.device,
		country: row.country,
		nickname: row.nickname,
		prfSupported: row.prf_supported === 1,
		createdAt: new Date(row.created_at),
		lastUsedAt: new Date(row.last_used_at),
	};
}

/** The 21 parameters of the `insertCredential` statement, in column order. */
export function credentialParams(c: Credential): unknown[] {
	return [
		c.appId,
		c.credentialId,
		c.userId,
		c.userHandle,
		c.publicKey,
		c.signCount,
		JSON.stringify(c.transports),
		c.aaguid,
		c.attestationFmt,
		c.backupEligible ? 1 : 0,
		c.backupState ? 1 : 0,
		c.discoverable === null ? null : c.discoverable ? 1 : 0,
		c.rpId,
		c.origin,
		c.device,
		c.country,
		c.nickname,
		c.createdAt.getTime(),
		c.lastUsedAt.getTime(),
		c.attestationTrust === null ? null : JSON.stringify(c.attestationTrust),
		c.prfSupported ? 1 : 0,
	];
}

export interface ApiKeyRow {
	app_id: string;
	id: string;
	kind: ApiKeyRecord["kind"];
	scopes: string;
	salt: Uint8Array;
	hash: Uint8Array;
	locked: number;
	created_at: number;
}

/** An `api_keys` row as an ApiKeyRecord. */
export function toApiKey(r: ApiKeyRow): ApiKeyRecord {
	return {
		id: r.id,
		appId: r.app_id,
		kind: r.kind,
		scopes: JSON.parse(r.scopes) as ApiKeyRecord["scopes"],
		salt: new Uint8Array(r.salt),
		hash: new Uint8Array(r.hash),
		locked: r.locked === 1,
		createdAt: new Date(r.created_at),
	};
}

export interface AuthConfigRow {
	app_id: string;
	purpose: string;
	user_verification: AuthConfig["userVerification"];
	time_to_live: number;
	hints: string;
	created_by: string;
	created_on: number | null;
	edited_by: string | null;
	edited_on: number | null;
	last_used_on: number | null;
}

/** A nullable epoch-milliseconds column as a Date, or null. */
export function maybeDate(ms: number | null): Date | null {
	return ms === null ? null : new Date(ms);
}

/** An `auth_configs` row as an AuthConfig. */
export function toAuthConfig(row: AuthConfigRow): AuthConfig {
	return {
		appId: row.app_id,
		purpose: row.purpose,
		userVerification: row.user_verification,
		timeToLiveSeconds: row.time_to_live,
		hints: JSON.parse(row.hints) as AuthConfig["hints"],
		createdBy: row.created_by,
		createdOn: maybeDate(row.created_on),
		editedBy: row.edited_by,
		editedOn: maybeDate(row.edited_on),
		lastUsedOn: maybeDate(row.last_used_on),
	};
}

/** The 10 parameters of the `insertAuthConfig` and `saveAuthConfig` statements, in column order. */
export function authConfigParams(c: AuthConfig): unknown[] {
	return [
		c.appId,
		c.purpose,
		c.userVerification,
		c.timeToLiveSeconds,
		JSON.stringify(c.hints),
		c.createdBy,
		c.createdOn?.getTime() ?? null,
		c.editedBy,
		c.editedOn?.getTime() ?? null,
		c.lastUsedOn?.getTime() ?? null,
	];
}

export interface EventRow {
	app_id: string;
	performed_at: number;
	event_type: string;
	severity: AuditEvent["severity"];
	message: string;
	performed_by: string;
	subject: string;
	api_key_id: string;
}

/** An `events` row as an AuditEvent. */
export function toEvent(r: EventRow): AuditEvent {
	return {
		appId: r.app_id,
		performedAt: new Date(r.performed_at),
		eventType: r.event_type,
		severity: r.severity,
		message: r.message,
		performedBy: r.performed_by,
		subject: r.subject,
		apiKeyId: r.api_key_id,
	};
}

/** A `ceremonies` row (with `state`) or a `tokens` row (with `payload`). */
export interface StateRow {
	id: string;
	app_id: string;
	kind: string;
	state?: string;
	payload?: string;
	expires_at: number;
}

/** A `ceremonies` row as a Ceremony (null for a kind this server never writes). */
export function toCeremony(row: StateRow): Ceremony | null {
	return restoreCeremony({
		id: row.id,
		appId: row.app_id,
		kind: row.kind,
		state: JSON.parse(row.state ?? "{}"),
		expiresAt: new Date(row.expires_at),
	});
}

/** A `tokens` row as a Token. */
export function toToken(row: StateRow): Token {
	return {
		id: row.id,
		appId: row.app_id,
		kind: row.kind as Token["kind"],
		payload: JSON.parse(row.payload ?? "{}") as Record<string, unknown>,
		expiresAt: new Date(row.expires_at),
	};
}
