// A TypeScript consumer of the packed packages, type-checked with `tsc --noEmit` (strict, NodeNext) in the temp
// project: the browser SDK's and the backend SDK's types and values, and the server's library entry point.
import { Client, type Config, isBrowserSupported, type ProblemDetails, type PromiseResult, type TokenResponse } from "@latchkey/client";
import { type Capabilities, LifecycleClient, type PrfOutputs } from "@latchkey/client/lifecycle";
import { signalUnknownCredential } from "@latchkey/client/signals";
import { isLatchkeyError, Latchkey, LatchkeyError, type RegisterOptions, type VerifiedUser } from "@latchkey/node";
import { buildApp, createDeps, type Deps, loadConfig, type Config as ServerConfig } from "@latchkey/server";
import { isPasskeyError, type VerifiedRegistrationResponse, verifyRegistrationResponse } from "@latchkey/server/webauthn";

// The browser side.
const config: Config = { apiUrl: "http://localhost:4000", apiKey: "shop:public:0123" };
const client = new Client(config);

export async function signIn(): Promise<string | ProblemDetails> {
	if (!isBrowserSupported()) return "unsupported";
	const started: PromiseResult<TokenResponse> = client.signinWithDiscoverable();
	const result = await started;
	if (result.error) return result.error;
	const token: string = result.token;
	return token;
}

/** The lifecycle entry points: conditional create, PRF outputs on the result, capabilities, the Signal API. */
export async function upgrade(registerToken: string): Promise<PrfOutputs | undefined> {
	const lifecycle = new LifecycleClient(config);
	const capabilities: Capabilities = await lifecycle.capabilities();
	if (!capabilities.conditionalCreate) return undefined;
	const result = await lifecycle.register(registerToken, { mediation: "conditional", nickname: "Upgraded" });
	if (result.error?.errorCode === "unknown_credential") await signalUnknownCredential({ rpId: "shop.example", credentialId: "AQID" });
	return result.prf;
}

// The backend side.
const latchkey = new Latchkey({ apiUrl: "http://localhost:4000", apiSecret: "shop:secret:0123", timeoutMs: 5_000 });

export async function registerToken(userId: string): Promise<string> {
	const options: RegisterOptions = { userId, username: `${userId}@example.com`, userVerification: "required", hints: ["client-device"] };
	const { token } = await latchkey.createRegisterToken(options);
	return token;
}

/** The passkey providers of a user's passkeys: `authenticatorName` (a Latchkey extension) is an optional string. */
export async function providers(userId: string): Promise<string[]> {
	const credentials = await latchkey.listCredentials(userId);
	return credentials.map((credential) => {
		const name: string | undefined = credential.authenticatorName;
		return name ?? "Unknown provider";
	});
}

export async function verify(token: string): Promise<{ userId: string; at: Date } | null> {
	try {
		const user: VerifiedUser = await latchkey.verifyToken(token);
		return user.type === "passkey_signin" ? { userId: user.userId, at: user.timestamp } : null;
	} catch (err) {
		if (isLatchkeyError(err, "invalid_token")) return null;
		if (err instanceof LatchkeyError) throw new Error(`${err.status} ${err.errorCode}`);
		throw err;
	}
}

// The verification library.
export async function verifyNewPasskey(response: Parameters<typeof verifyRegistrationResponse>[0]["response"]): Promise<string | null> {
	try {
		const verified: VerifiedRegistrationResponse = await verifyRegistrationResponse({
			response,
			expectedChallenge: "AAAA",
			expectedOrigin: "https://shop.example",
			expectedRpId: "shop.example",
			attestation: { mode: "strict", trustAnchors: [] },
			now: new Date("2026-01-01T00:00:00Z"),
		});
		const key: Uint8Array = verified.credential.publicKey;
		return `${verified.credential.fmt}:${key.length}:${verified.authenticatorName ?? ""}`;
	} catch (error) {
		if (isPasskeyError(error, "attestation_not_trusted")) return null;
		throw error;
	}
}

// The server, embedded.
export async function embed(): Promise<() => Promise<void>> {
	const serverConfig: Readonly<ServerConfig> = loadConfig({ LATCHKEY_DATABASE_URL: "sqlite:./data/typed.db" });
	const deps: Deps = await createDeps(serverConfig);
	const app = buildApp(deps, serverConfig);
	await app.listen({ port: 0 });
	return async () => {
		await app.close();
		await deps.signatures.close();
		await deps.store.close();
	};
}
