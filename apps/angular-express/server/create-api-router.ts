import { isLatchkeyError, type VerifiedUser } from "@latchkey/node";
import express, { type Request, type Router } from "express";
import { AppError } from "./app-error.ts";
import type { AppServerOptions } from "./app-server-options.ts";
import { hiddenUserId } from "./hidden-user-id.ts";
import { parseEmail } from "./parse-email.ts";
import { readCookie } from "./read-cookie.ts";
import { sameOriginOnly } from "./same-origin-only.ts";
import { toPasskeyView } from "./to-passkey-view.ts";
import type { User } from "./user-store.ts";

const me = (user: User): { userId: string; email: string } => ({ userId: user.id, email: user.email });

/** A registration, or a sign-in for the purpose "sign-in", may start a session; a step-up or generated token may not. */
const startsSession = (verified: VerifiedUser): boolean =>
	verified.type === "passkey_register" || (verified.type === "passkey_signin" && verified.purpose === "sign-in");

/**
 * The JSON API under `/api`, the tutorial's routes: `GET /config`, `POST /register-token`, `POST /signin-token`,
 * `POST /signin-verify`, `GET /me`, `GET /credentials`, `DELETE /credentials/:id`, `POST /signout`.
 * State-changing routes pass the same-origin check first.
 * @param options - Latchkey, the users, the sessions and the public config
 * @example
 * app.use("/api", createApiRouter(options));
 */
export function createApiRouter(options: AppServerOptions): Router {
	const { latchkey, users, sessions } = options;
	const now = options.now ?? ((): Date => new Date());
	const router = express.Router();
	router.use(sameOriginOnly);
	router.use(express.json({ limit: "8kb" }));

	const sessionUser = async (req: Request): Promise<User> => {
		const user = users.findById(await sessions.read(readCookie(req.headers.cookie, sessions.cookieName), now()));
		if (!user) throw new AppError("session_expired", 401, "This account no longer exists; sign in again.");
		return user;
	};
	const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: "lax" as const, secure: req.secure, path: "/" });

	router.get("/config", (_req, res) => {
		res.json(options.publicConfig);
	});

	// A first passkey for a new (or passkey-less) account, or another one for the signed-in user's own account.
	router.post("/register-token", async (req, res) => {
		const email = parseEmail(req.body);
		const signedIn = await sessionUser(req).catch(() => null);
		let user = users.findByEmail(email);
		if (user && signedIn?.id !== user.id && (await latchkey.listCredentials(user.id)).length > 0)
			throw new AppError("email_taken", 409, "This e-mail already has a passkey: sign in with it to add another.");
		user ??= users.create(email, now());
		const { token } = await latchkey.createRegisterToken({ userId: user.id, username: email, displayName: email });
		res.json({ token });
	});

	// Answers alike for every address: an unknown one signs in as an id no account has, and Latchkey says no_passkeys.
	router.post("/signin-token", async (req, res) => {
		const email = parseEmail(req.body);
		const userId = users.findByEmail(email)?.id ?? hiddenUserId(email, options.userIdSecret);
		const { token } = await latchkey.createSigninToken({ userId });
		res.json({ token });
	});

	router.post("/signin-verify", async (req, res) => {
		const token = (req.body as { token?: unknown } | undefined)?.token;
		if (typeof token !== "string" || !token.startsWith("verify_")) throw new AppError("invalid_input", 400, "A verify_ token is required.");
		const verified = await latchkey.verifyToken(token).catch((error: unknown) => {
			if (isLatchkeyError(error) && error.status >= 400 && error.status < 500)
				throw new AppError("invalid_token", 401, `The sign-in was not accepted (${error.errorCode}).`);
			throw error;
		});
		if (!startsSession(verified)) throw new AppError("invalid_token", 401, "This token cannot start a session.");
		const user = users.findById(verified.userId);
		if (!user) throw new AppError("unknown_account", 401, "This passkey belongs to no account here; register again.");
		res.cookie(sessions.cookieName, await sessions.issue(user.id, now()), { ...cookieOptions(req), maxAge: sessions.ttlSeconds * 1000 });
		res.json(me(user));
	});

	router.get("/me", async (req, res) => {
		res.json(me(await sessionUser(req)));
	});

	router.get("/credentials", async (req, res) => {
		const user = await sessionUser(req);
		const passkeys = (await latchkey.listCredentials(user.id)).map(toPasskeyView);
		res.json({ credentials: passkeys.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) });
	});

	router.delete("/credentials/:id", async (req, res) => {
		const user = await sessionUser(req);
		const id = String(req.params.id);
		const own = (await latchkey.listCredentials(user.id)).some((credential) => credential.descriptor.id === id);
		if (!own) throw new AppError("passkey_not_found", 404, "You have no passkey with this id.");
		await latchkey.deleteCredential(id);
		res.status(204).end();
	});

	router.post("/signout", (req, res) => {
		res.clearCookie(sessions.cookieName, cookieOptions(req));
		res.status(204).end();
	});

	router.use((_req, _res, next) => next(new AppError("not_found", 404, "There is no such API route.")));
	return router;
}
