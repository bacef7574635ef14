import { after } from "node:test";
import {
	type ApiKeyRecord,
	type App,
	type AuthenticationState,
	type Credential,
	DEFAULT_APP_SETTINGS,
	type RegistrationState,
	type Store,
	type TransferRecord,
} from "../store.ts";

/** Makes a fresh, empty store for one test, and a way to dispose of it. */
export type StoreFactory = () => Promise<{ store: Store; dispose(): Promise<void> }>;

/** How a part of the suite gets its stores; every store made is disposed of after the suite. */
export interface ConformanceStores {
	/** A new store holding two apps, "shop" and "other", with one public key each. */
	fresh(): Promise<Store>;
	/** A new store holding nothing. */
	empty(): Promise<Store>;
}

/**
 * Wraps a factory for the parts of the suite; call it inside the suite's `describe` so the stores go after it.
 * @param factory - makes a fresh store per test
 */
export function conformanceStores(factory: StoreFactory): ConformanceStores {
	const disposers: (() => Promise<void>)[] = [];
	after(async () => {
		for (const dispose of disposers) await dispose();
	});
	const empty = async (): Promise<Store> => {
		const { store, dispose } = await factory();
		disposers.push(dispose);
		return store;
	};
	const fresh = async (): Promise<Store> => {
		const store = await empty();
		await store.apps.create(app("shop"), [key("shop", "public-aaaa")]);
		await store.apps.create(app("other"), [key("other", "public-bbbb")]);
		return store;
	};
	return { fresh, empty };
}

export const T0 = new Date("2025-01-01T00:00:00Z");

/** A sign-in's state as `/signin/begin` stores it. */
export const SIGN_IN_STATE: AuthenticationState = {
	challenge: "abc",
	origin: "https://shop.example",
	rpId: "shop.example",
	userVerification: "preferred",
	allowCredentials: ["c1"],
	purpose: "sign-in",
	ttlSeconds: 120,
};

/** A registration's state as `/register/begin` stores it (one alias kept as plaintext, one only as its hash). */
export const REGISTRATION_STATE: RegistrationState = {
	challenge: "def",
	origin: "https://shop.example",
	rpId: "shop.example",
	userId: "u1",
	userHandle: "dTE",
	userVerification: "required",
	aliases: [
		{ hash: "h0", plaintext: "ada@x" },
		{ hash: "h9", plaintext: null },
	],
};

export function app(id: string): App {
	return { id, settings: { ...DEFAULT_APP_SETTINGS, rpId: "shop.example", allowedOrigins: ["https://shop.example"] }, createdAt: T0 };
}

export function key(appId: string, id: string): ApiKeyRecord {
	return {
		id,
		appId,
		kind: "public",
		scopes: ["register", "login"],
		salt: new Uint8Array([1, 2]),
		hash: new Uint8Array([3, 4]),
		locked: false,
		createdAt: T0,
	};
}

export function credential(appId: string, credentialId: string, userId: string, extra: Partial<Credential> = {}): Credential {
	return {
		appId,
		credentialId,
		userId,
		userHandle: Buffer.from(userId).toString("base64url"),
		publicKey: new Uint8Array([0xa5, 1, 2, 3]),
		signCount: 0,
		transports: ["internal", "hybrid"],
		aaguid: "00000000-0000-0000-0000-000000000000",
		attestationFmt: "packed",
		attestationTrust: {
			trusted: true,
			reason: "chains to 'CN=Test Root' from the FIDO metadata",
			metadataStatus: "FIDO_CERTIFIED_L1",
			certified: true,
		},
		backupEligible: true,
		backupState: false,
		discoverable: null,
		rpId: "shop.example",
		origin: "https://shop.example",
		device: "Chrome, Mac OS 10",
		country: "",
		nickname: null,
		prfSupported: false,
		createdAt: T0,
		lastUsedAt: T0,
		...extra,
	};
}

export async function collect(records: AsyncIterable<TransferRecord>): Promise<TransferRecord[]> {
	const all: TransferRecord[] = [];
	for await (const record of records) all.push(record);
	return all;
}

export async function* replay(records: TransferRecord[]): AsyncGenerator<TransferRecord> {
	yield* records;
}
