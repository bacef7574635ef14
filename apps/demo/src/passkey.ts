/** A passkey as `GET /api/passkeys` lists it (the backend's `PasskeyView`). */
export interface Passkey {
	id: string;
	nickname: string | null;
	device: string;
	provider: string | null;
	synced: boolean | null;
	createdAt: string;
	lastUsedAt: string | null;
}
