import { type Credential, LatchkeyError, type MagicLinkOptions, type VerifiedUser } from "@latchkey/node";
import type { PasskeyBackend } from "../server/passkey-backend.ts";

/** What a fake verify token stands for. */
export interface FakeSignin {
	userId: string;
	type?: VerifiedUser["type"];
	purpose?: string | null;
	timestamp?: Date;
}

/** A stand-in for `Latchkey` in unit tests: single-use verify tokens and credentials held in maps. */
export interface FakePasskeyBackend extends PasskeyBackend {
	tokens: Map<string, FakeSignin>;
	credentials: Map<string, Credential[]>;
	deleted: string[];
	/** The magic links asked for, in order. */
	magicLinks: MagicLinkOptions[];
	/** When set, `sendMagicLink` throws this instead of recording. */
	magicLinkFailure: LatchkeyError | null;
}

/** A credential of a user, as `listCredentials` returns it. */
export function fakeCredential(userId: string, id: string): Credential {
	return {
		descriptor: { type: "public-key", id },
		publicKey: "",
		userHandle: "",
		signatureCounter: 0,
		attestationFmt: "none",
		createdAt: new Date("2025-01-01T00:00:00Z"),
		aaGuid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",
		lastUsedAt: null,
		rpid: "localhost",
		origin: "http://localhost:3000",
		country: "",
		device: "Chrome, Mac OS",
		nickname: null,
		userId,
		backupState: true,
		isBackupEligible: true,
		isDiscoverable: true,
		authenticatorName: "Apple Passwords",
	};
}

/** Creates the fake; `now` stamps sign-ins that name no timestamp. */
export function fakePasskeyBackend(now: () => Date): FakePasskeyBackend {
	const tokens = new Map<string, FakeSignin>();
	const credentials = new Map<string, Credential[]>();
	const deleted: string[] = [];
	const magicLinks: MagicLinkOptions[] = [];
	return {
		tokens,
		credentials,
		deleted,
		magicLinks,
		magicLinkFailure: null,
		async getAcceptedCredentialsSignal(userId) {
			const ids = (credentials.get(userId) ?? []).map((credential) => credential.descriptor.id);
			return { rpId: "localhost", userId: Buffer.from(userId).toString("base64url"), allAcceptedCredentialIds: ids };
		},
		async getUserDetailsSignal(userId, details) {
			const userHandle = Buffer.from(userId).toString("base64url");
			return { rpId: "localhost", userId: userHandle, name: details.name, displayName: details.displayName ?? details.name };
		},
		async sendMagicLink(options) {
			if (this.magicLinkFailure) throw this.magicLinkFailure;
			magicLinks.push(options);
		},
		async createRegisterToken(options) {
			return { token: `register_${options.userId}` };
		},
		async verifyToken(token) {
			const signin = tokens.get(token);
			tokens.delete(token);
			if (!signin) throw new LatchkeyError({ status: 400, errorCode: "invalid_token", title: "The token is not valid." });
			const timestamp = signin.timestamp ?? now();
			const raw = { userId: signin.userId, timestamp: timestamp.toISOString(), expiresAt: timestamp.toISOString() };
			return {
				userId: signin.userId,
				timestamp,
				expiresAt: new Date(timestamp.getTime() + 120_000),
				rpId: "localhost",
				origin: "http://localhost:3000",
				success: true,
				device: "",
				country: "",
				nickname: null,
				credentialId: "",
				purpose: signin.purpose === undefined ? "sign-in" : signin.purpose,
				tokenId: token,
				type: signin.type ?? "passkey_signin",
				raw: {
					...raw,
					rpId: null,
					origin: null,
					success: true,
					device: null,
					country: null,
					nickname: null,
					credentialId: null,
					purpose: null,
					tokenId: token,
					type: "passkey_signin",
				},
			};
		},
		async listCredentials(userId) {
			return credentials.get(userId) ?? [];
		},
		async updateCredential(id, changes) {
			for (const list of credentials.values()) {
				for (const credential of list) if (credential.descriptor.id === id) credential.nickname = changes.nickname;
			}
		},
		async deleteCredential(id) {
			deleted.push(id);
			for (const [userId, list] of credentials)
				credentials.set(
					userId,
					list.filter((credential) => credential.descriptor.id !== id),
				);
		},
	};
}
