/**
 * The reference server for the benchmark: what a team would build instead of Latchkey, written the way the
 * SimpleWebAuthn documentation shows (Fastify; `generateRegistrationOptions` / `verifyRegistrationResponse`,
 * `generateAuthenticationOptions` / `verifyAuthenticationResponse`; challenges kept server-side between the two calls),
 * on the same SQLite schema idea through better-sqlite3 in WAL mode. It speaks the same routes and shapes as Latchkey
 * (so one load generator drives both) but leaves out what the docs leave out: no origin allowlist, no events, no
 * per-purpose configuration, plain string comparison of the API keys.
 *
 *   node --import tsx bench/reference/server.ts <port> <sqlite-file>
 */
import { randomBytes, randomUUID } from "node:crypto";
import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
} from "@simplewebauthn/server";
import BetterSqlite3 from "better-sqlite3";
import Fastify, { type FastifyInstance } from "fastify";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS credentials (
  credential_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, public_key BLOB NOT NULL, counter INTEGER NOT NULL,
  transports TEXT NOT NULL, created_at INTEGER NOT NULL, last_used_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS credentials_by_user ON credentials (user_id);
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, user_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS challenges (id TEXT PRIMARY KEY, payload TEXT NOT NULL, expires_at INTEGER NOT NULL);
`;

/** Keys the reference accepts (it compares strings, as a hand-written server would). */
export interface ReferenceKeys {
	apiKey: string;
	apiSecret: string;
}

/**
 * Builds the reference app.
 * @param file - the SQLite file
 * @param keys - the public and secret key it accepts
 */
export function buildReference(file: string, keys: ReferenceKeys): FastifyInstance {
	const db = new BetterSqlite3(file);
	db.pragma("journal_mode = WAL");
	db.pragma("synchronous = NORMAL");
	db.exec(SCHEMA);
	const put = db.prepare("INSERT INTO challenges (id, payload, expires_at) VALUES (?, ?, ?)");
	const take = db.prepare("DELETE FROM challenges WHERE id = ? RETURNING payload, expires_at");
	const get = db.prepare("SELECT payload, expires_at FROM challenges WHERE id = ?");
	const byUser = db.prepare("SELECT * FROM credentials WHERE user_id = ?");
	const byId = db.prepare("SELECT * FROM credentials WHERE credential_id = ?");
	const insertCredential = db.prepare(
		"INSERT INTO credentials (credential_id, user_id, public_key, counter, transports, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	);
	const setAlias = db.prepare("INSERT OR REPLACE INTO aliases (alias, user_id) VALUES (?, ?)");
	const aliasUser = db.prepare("SELECT user_id FROM aliases WHERE alias = ?");
	const updateCounter = db.prepare("UPDATE credentials SET counter = ?, last_used_at = ? WHERE credential_id = ?");

	const app = Fastify();
	const store = (prefix: string, payload: unknown, ttlMs: number): string => {
		const id = prefix + randomBytes(32).toString("base64url");
		put.run(id, JSON.stringify(payload), Date.now() + ttlMs);
		return id;
	};
	const consume = <T>(id: string): T | null => {
		const row = take.get(id) as { payload: string; expires_at: number } | undefined;
		return row && row.expires_at > Date.now() ? (JSON.parse(row.payload) as T) : null;
	};
	app.addHook("onRequest", async (request, reply) => {
		const secretRoute = request.url === "/register/token" || request.url === "/signin/verify";
		const presented = secretRoute ? request.headers.apisecret : request.headers.apikey;
		if (presented !== (secretRoute ? keys.apiSecret : keys.apiKey)) return reply.code(401).send({ error: "unauthorized" });
	});

	app.post<{ Body: { userId: string; username: string; aliases?: string[] } }>("/register/token", async (request) => {
		return { token: store("register_", request.body, 120_000) };
	});

	app.post<{ Body: { token: string; RPID: string; Origin: string } }>("/register/begin", async (request, reply) => {
		const row = get.get(request.body.token) as { payload: string; expires_at: number } | undefined;
		if (!row || row.expires_at < Date.now()) return reply.code(400).send({ error: "invalid token" });
		const user = JSON.parse(row.payload) as { userId: string; username: string; aliases?: string[] };
		const existing = byUser.all(user.userId) as { credential_id: string; transports: string }[];
		const options = await generateRegistrationOptions({
			rpName: request.body.RPID,
			rpID: request.body.RPID,
			userName: user.username,
			userID: new TextEncoder().encode(user.userId),
			attestationType: "none",
			excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: JSON.parse(c.transports) })),
			authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
		});
		const session = store(
			"session_",
			{ challenge: options.challenge, user, origin: request.body.Origin, rpId: request.body.RPID },
			300_000,
		);
		return { data: options, session };
	});

	app.post<{ Body: { session: string; response: never } }>("/register/complete", async (request, reply) => {
		const state = consume<{ challenge: string; user: { userId: string; aliases?: string[] }; origin: string; rpId: string }>(
			request.body.session,
		);
		if (!state) return reply.code(400).send({ error: "invalid session" });
		try {
			const verification = await verifyRegistrationResponse({
				response: request.body.response,
				expectedChallenge: state.challenge,
				expectedOrigin: state.origin,
				expectedRPID: state.rpId,
			});
			if (!verification.verified || !verification.registrationInfo) return reply.code(400).send({ error: "not verified" });
			const { credential } = verification.registrationInfo;
			const now = Date.now();
			insertCredential.run(
				credential.id,
				state.user.userId,
				credential.publicKey,
				credential.counter,
				JSON.stringify(credential.transports ?? []),
				now,
				now,
			);
			for (const alias of state.user.aliases ?? []) setAlias.run(alias, state.user.userId);
			return { token: store("verify_", { userId: state.user.userId, credentialId: credential.id, type: "passkey_register" }, 120_000) };
		} catch (error) {
			return reply.code(400).send({ error: (error as Error).message });
		}
	});

	app.post<{ Body: { userId?: string; alias?: string; RPID: string; Origin: string } }>("/signin/begin", async (request) => {
		const userId = request.body.userId ?? (aliasUser.get(request.body.alias ?? "") as { user_id: string } | undefined)?.user_id;
		const credentials = userId ? (byUser.all(userId) as { credential_id: string; transports: string }[]) : [];
		const options = await generateAuthenticationOptions({
			rpID: request.body.RPID,
			allowCredentials: credentials.map((c) => ({ id: c.credential_id, transports: JSON.parse(c.transports) })),
			userVerification: "preferred",
		});
		return {
			data: options,
			session: store("session_", { challenge: options.challenge, origin: request.body.Origin, rpId: request.body.RPID }, 300_000),
		};
	});

	app.post<{ Body: { session: string; response: { id: string } } }>("/signin/complete", async (request, reply) => {
		const state = consume<{ challenge: string; origin: string; rpId: string }>(request.body.session);
		if (!state) return reply.code(400).send({ error: "invalid session" });
		const row = byId.get(request.body.response.id) as
			| { credential_id: string; user_id: string; public_key: Uint8Array; counter: number; transports: string }
			| undefined;
		if (!row) return reply.code(400).send({ error: "unknown credential" });
		try {
			const verification = await verifyAuthenticationResponse({
				response: request.body.response as never,
				expectedChallenge: state.challenge,
				expectedOrigin: state.origin,
				expectedRPID: state.rpId,
				credential: {
					id: row.credential_id,
					publicKey: new Uint8Array(row.public_key),
					counter: row.counter,
					transports: JSON.parse(row.transports),
				},
			});
			if (!verification.verified) return reply.code(400).send({ error: "not verified" });
			updateCounter.run(verification.authenticationInfo.newCounter, Date.now(), row.credential_id);
			return { token: store("verify_", { userId: row.user_id, credentialId: row.credential_id, type: "passkey_signin" }, 120_000) };
		} catch (error) {
			return reply.code(400).send({ error: (error as Error).message });
		}
	});

	app.post<{ Body: { token: string } }>("/signin/verify", async (request, reply) => {
		const payload = consume<{ userId: string; credentialId: string; type: string }>(request.body.token);
		if (!payload) return reply.code(400).send({ error: "invalid token" });
		return { ...payload, success: true, tokenId: randomUUID() };
	});

	app.addHook("onClose", async () => {
		db.close();
	});
	return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [port = "4100", file = "./reference.db"] = process.argv.slice(2);
	const keys = {
		apiKey: process.env.REFERENCE_API_KEY ?? "ref:public:key",
		apiSecret: process.env.REFERENCE_API_SECRET ?? "ref:secret:key",
	};
	const app = buildReference(file, keys);
	const url = await app.listen({ port: Number(port), host: "127.0.0.1" });
	console.log(JSON.stringify({ msg: "reference listening", url }));
	process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
}
