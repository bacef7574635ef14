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

// Rows as the pg driver returns them (BIGINT and COUNT as strings, BYTEA as Buffer, TIMESTAMPTZ as Date, JSON parsed),
// and their camelCase objects: the only place a PostgreSQL column name meets the rest of the code.

export interface AppRow {
	id: string;
	settings: Partial<App["settings"]>;
	created_at: Date;
}

export function toApp(row: AppRow): App {
	return { id: row.id, settings: { ...DEFAULT_APP_SETTINGS, ...row.settings } as App["settings"], createdAt: row.created_at };
}

export interface ApiKeyRow {
	app_id: string;
	id: string;
	kind: ApiKeyRecord["kind"];
	scopes: ApiKeyRecord["scopes"];
	salt: Uint8Array;
	hash: Uint8Array;
	locked: boolean;
	created_at: Date;
}

export function toApiKey(row: ApiKeyRow): ApiKeyRecord {
	return {
		id: row.id,
		appId: row.app_id,
		kind: row.kind,
		scopes: row.scopes,
		salt: new Uint8Array(row.salt),
		hash: new Uint8Array(row.hash),
		locked: row.locked,
		createdAt: row.created_at,
	};
}

export interface CredentialRow {
	app_id: string;
	credential_id: string;
	user_id: string;
	user_handle: string;
	public_key: Uint8Array;
	sign_count: string;
	transports: string[];
	aaguid: string;
	attestation_fmt: string;
	attestation_trust: Credential["attestationTrust"];
	backup_eligible: boolean;
	backup_state: boolean;
	discoverable: boolean | null;
	rp_id: string;
	origin: string;
	device: string;
	country: string;
	nickname: string | null;
	prf_supported: boolean;
	created_at: Date;
	last_used_at: Date;
}

export function toCredential(row: CredentialRow): Credential {
	return {
		appId: row.app_id,
		credentialId: row.credential_id,
		userId: row.user_id,
		userHandle: row.user_handle,
		publicKey: new Uint8Array(row.public_key),
		signCount: Number(row.sign_count),
		transports: row.transports,
		aaguid: row.aaguid,
		attestationFmt: row.attestation_fmt,
		attestationTrust: row.attestation_trust ?? null,
		backupEligible: row.backup_eligible,
		backupState: row.backup_state,
		discoverable: row.discoverable,
		rpId: row.rp_id,
		origin: row.origin,
		device: row.device,
		country: row.country,
		nickname: row.nickname,
		prfSupported: row.prf_supported,
		createdAt: row.created_at,
		lastUsedAt: row.last_used_at,
	};
}

/** The 21 columns of `credentials`, in {@link credentialValues} order. */
export const CREDENTIAL_COLUMNS = `app_id, credential_id, user_id, user_handle, public_key, sign_count, transports, aaguid, attestation_fmt,
	backup_eligible, backup_state, discoverable, rp_id, origin, device, country, nickname, created_at, last_used_at, attestation_trust,
	prf_supported`;

export function credentialValues(c: Credential): unknown[] {
	return [
		c.appId,
		c.credentialId,
		c.userId,
		c.userHandle,
		c.publicKey,
		c.signCount,
		c.transports,
		c.aaguid,
		c.attestationFmt,
		c.backupEligible,
		c.backupState,
		c.discoverable,
		c.rpId,
		c.origin,
		c.device,
		c.country,
		c.nickname,
		c.createdAt,
		c.lastUsedAt,
		c.attestationTrust === null ? null : JSON.stringify(c.attestationTrust),
		c.prfSupported,
	];
}

export interface AuthConfigRow {
	app_id: string;
	purpose: string;
	user_verification: AuthConfig["userVerification"];
	time_to_live: number;
	hints: AuthConfig["hints"];
	created_by: string;
	created_on: Date | null;
	edited_by: string | null;
	edited_on: Date | null;
	last_used_on: Date | null;
}

export function toAuthConfig(row: AuthConfigRow): AuthConfig {
	return {
		appId: row.app_id,
		purpose: row.purpose,
		userVerification: row.user_verification,
		timeToLiveSeconds: row.time_to_live,
		hints: row.hints,
		createdBy: row.created_by,
		createdOn: row.created_on,
		editedBy: row.edited_by,
		editedOn: row.edited_on,
		lastUsedOn: row.last_used_on,
	};
}

export function authConfigValues(c: AuthConfig): unknown[] {
	return [
		c.appId,
		c.purpose,
		c.userVerification,
		c.timeToLiveSeconds,
		c.hints,
		c.createdBy,
		c.createdOn,
		c.editedBy,
		c.editedOn,
		c.lastUsedOn,
	];
}

export interface EventRow {
	app_id: string;
	performed_at: Date;
	event_type: string;
	severity: AuditEvent["severity"];
	message: string;
	performed_by: string;
	subject: string;
	api_key_id: string;
}

export function toEvent(row: EventRow): AuditEvent {
	return {
		appId: row.app_id,
		performedAt: row.performed_at,
		eventType: row.event_type,
		severity: row.severity,
		message: row.message,
		performedBy: row.performed_by,
		subject: row.subject,
		apiKeyId: row.api_key_id,
	};
}

export function eventValues(e: AuditEvent): unknown[] {
	return [e.appId, e.performedAt, e.eventType, e.severity, e.message, e.performedBy, e.subject, e.apiKeyId];
}

export interface CeremonyRow {
	id: string;
	app_id: string;
	kind: string;
	/** The JSON column, as pg parses it. */
	state: unknown;
	expires_at: Date;
}

/** A `ceremonies` row as a Ceremony (null for a kind this server never writes). */
export function toCeremony(row: CeremonyRow): Ceremony | null {
	return restoreCeremony({ id: row.id, appId: row.app_id, kind: row.kind, state: row.state, expiresAt: row.expires_at });
}

export interface TokenRow {
	id: string;
	app_id: string;
	kind: Token["kind"];
	payload: Record<string, unknown>;
	expires_at: Date;
}

export function toToken(row: TokenRow): Token {
	return { id: row.id, appId: row.app_id, kind: row.kind, payload: row.payload, expiresAt: row.expires_at };
}
