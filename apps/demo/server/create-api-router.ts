import { isLatchkeyError } from "@latchkey/node";
import express, { type Request, type Response, type Router } from "express";
import { isEmail } from "../src/is-email.ts";
import { DemoError } from "./demo-error.ts";
import type { DemoServerOptions } from "./demo-server-options.ts";
import type { DemoUser } from "./demo-store.ts";
import { parseNickname } from "./parse-nickname.ts";
import { parsePaymentInput } from "./parse-payment-input.ts";
import { parseSignupInput } from "./parse-signup-input.ts";
import { toPasskeyView } from "./passkey-view.ts";
import { readCookie } from "./read-cookie.ts";
import { requireSameOrigin } from "./require-same-origin.ts";
import { verifyStepUp } from "./verify-step-up.ts";

const publicUser = (user: DemoUser): { id: string; email: string; name: string } => ({ id: user.id, email: user.email, name: user.name });

/**
 * The demo's JSON API under `/api`: sign-up and sign-in with passkeys, the session cookie, passkey management and
 * step-up payments. State-changing routes pass the same-origin check first.
 * @param options - Latchkey, the store, the session manager and the public config
 * @example
 * app.use("/api", createApiRouter(options));
 */
export function createApiRouter(options: DemoServerOptions): Router {
	const { latchkey, store, sessions } = options;
	const now = options.now ?? ((): Date => new Date());
	const router = express.Router();
	router.use(requireSameOrigin);
	router.use(express.json({ limit: "16kb" }));

	const sessionUser = async (req: Request): Promise<DemoUser> => {
		const { userId } = await sessions.read(readCookie(req.headers.cookie, sessions.cookieName), now());
		const user = store.findUser(userId);
		if (!user) throw new DemoError("session_expired", 401, "The session's account no longer exists; log in again.");
		return user;
	};
	const ownPasskey = async (user: DemoUser, id: string) => {
		const credentials = await latchkey.listCredentials(user.id);
		const credential = credentials.find((candidate) => candidate.descriptor.id === id);
		if (!credential) throw new DemoError("passkey_not_found", 404, "You have no passkey with this id.");
		return { credential, count: credentials.length };
	};
	const setSession = async (req: Request, res: Response, userId: string): Promise<void> => {
		res.cookie(sessions.cookieName, await sessions.issue(userId, now()), {
			httpOnly: true,
			sameSite: "lax",
			secure: req.secure, // a Secure cookie is dropped on http://localhost (Safari), so only over https
			path: "/",
			maxAge: sessions.ttlSeconds * 1000,
		});
	};

	const requireCognito = () => {
		if (!options.cognito) throw new DemoError("not_found", 404, "The Cognito flow is not configured.");
		return options.cognito;
	};

	router.get("/config", (_req, res) => {
		res.json(options.publicConfig);
	});

	router.get("/me", async (req, res) => {
		res.json({ user: publicUser(await sessionUser(req)) });
	});

	// A new display name; the page hands `signal` to signalCurrentUserDetails so passkey providers show it too.
	router.patch("/me", async (req, res) => {
		const user = await sessionUser(req);
		const raw = (req.body as { name?: unknown } | undefined)?.name;
		const name = typeof raw === "string" ? raw.trim() : "";
		if (name.length < 1 || name.length > 64)
			throw new DemoError("invalid_input", 400, "Enter a name of 1 to 64 characters.", { name: "Invalid." });
		store.renameUser(user.id, name);
		const signal = await latchkey.getUserDetailsSignal(user.id, { name: user.email, displayName: name });
		res.json({ user: publicUser({ ...user, name }), signal });
	});

	// A passkey for the signed-in user, or the first passkey of a new account from the sign-up form.
	router.post("/register-token", async (req, res) => {
		let user = await sessionUser(req).catch(() => null);
		if (!user) {
			const input = parseSignupInput(req.body);
			user = store.findUserByEmail(input.email);
			if (user && (await latchkey.listCredentials(user.id)).length > 0) {
				throw new DemoError("email_taken", 409, "An account with this e-mail already exists; log in instead.");
			}
			if (user)
				store.renameUser(user.id, input.name); // an earlier sign-up that never got its passkey
			else user = store.createUser({ ...input, now: now() });
		}
		try {
			const { token } = await latchkey.createRegisterToken({
				userId: user.id,
				username: user.email,
				displayName: user.name,
				aliases: [user.email],
			});
			res.json({ token });
		} catch (error) {
			if (isLatchkeyError(error, "alias_conflict"))
				throw new DemoError("email_taken", 409, "This e-mail already belongs to another account.");
			throw error;
		}
	});

	router.post("/cognito/begin", async (req, res) => {
		const cognito = requireCognito();
		const email = (req.body as { email?: unknown } | undefined)?.email;
		if (email !== undefined && (typeof email !== "string" || !isEmail(email.trim().toLowerCase())))
			throw new DemoError("invalid_input", 400, "The e-mail is not valid.", { email: "Invalid." });
		res.json(await cognito.begin(typeof email === "string" ? email.trim().toLowerCase() : null));
	});

	router.post("/cognito/respond", async (req, res) => {
		const cognito = requireCognito();
		const { session, username = null, credential } = (req.body ?? {}) as { session?: unknown; username?: unknown; credential?: unknown };
		if (
			typeof session !== "string" ||
			session === "" ||
			(username !== null && typeof username !== "string") ||
			typeof credential !== "object" ||
			!credential
		)
			throw new DemoError("invalid_input", 400, "session, username and credential are required.");
		res.json({ token: await cognito.respond({ session, username, credential }) });
	});

	router.post("/signin", async (req, res) => {
		const token = (req.body as { token?: unknown } | undefined)?.token;
		if (typeof token !== "string" || token === "")
			throw new DemoError("invalid_input", 400, "A verify token is required.", { token: "Required." });
		if (options.cognito && !token.startsWith("verify_")) {
			// The Cognito flow's ID token: verified against the pool's JWKS before the session starts.
			const claims = await options.cognito.verifyIdToken(token);
			const user = store.findUserByEmail(claims.username) ?? store.findUser(claims.username) ?? store.findUser(claims.sub);
			if (!user) throw new DemoError("unknown_account", 401, "This passkey belongs to an account the demo does not know; sign up again.");
			await setSession(req, res, user.id);
			res.json({ user: publicUser(user) });
			return;
		}
		const verified = await latchkey.verifyToken(token).catch((error: unknown) => {
			if (isLatchkeyError(error) && error.status >= 400 && error.status < 500) {
				throw new DemoError("invalid_token", 401, `The sign-in was not accepted (${error.errorCode}).`);
			}
			throw error;
		});
		// Registrations and plain sign-ins start a session; a step-up or a generated token does not.
		const accepted = verified.type === "passkey_register" || (verified.type === "passkey_signin" && verified.purpose === "sign-in");
		if (!accepted)
			throw new DemoError("invalid_token", 401, `A ${verified.type} token with purpose ${verified.purpose} cannot start a session.`);
		const user = store.findUser(verified.userId);
		if (!user) throw new DemoError("unknown_account", 401, "This passkey belongs to an account the demo does not know; sign up again.");
		await setSession(req, res, user.id);
		res.json({ user: publicUser(user) });
	});

	// Account recovery: a magic link by e-mail. The answer is the same whether or not the address has an account.
	router.post("/recover", async (req, res) => {
		const { email, language } = (req.body ?? {}) as { email?: unknown; language?: unknown };
		const address = typeof email === "string" ? email.trim().toLowerCase() : "";
		if (!isEmail(address)) throw new DemoError("invalid_input", 400, "The e-mail is not valid.", { email: "Invalid." });
		const user = store.findUserByEmail(address);
		if (user) {
			const origin = `${req.protocol}://${req.get("host") ?? ""}`;
			await latchkey
				.sendMagicLink({
					emailAddress: user.email,
					userId: user.id,
					urlTemplate: `${origin}/recover?token=$TOKEN`,
					purpose: "recovery",
					language: language === "ja" ? "ja" : "en",
				})
				.catch((error: unknown) => {
					if (isLatchkeyError(error, "magic_link_email_quota_exceeded"))
						throw new DemoError("too_many_links", 429, "Too many sign-in links were asked for; wait a while.");
					if (isLatchkeyError(error) && /^(email_|magic_links_disabled)/.test(error.errorCode))
						throw new DemoError("recovery_unavailable", 503, `The sign-in link could not be sent (${error.errorCode}).`);
					throw error;
				});
		}
		res.status(202).json({ sent: true });
	});

	// The link from the mail: a single-use magic_link token with purpose "recovery" starts a session.
	router.post("/recover/complete", async (req, res) => {
		const token = (req.body as { token?: unknown } | undefined)?.token;
		if (typeof token !== "string" || token === "")
			throw new DemoError("invalid_input", 400, "A token is required.", { token: "Required." });
		const verified = await latchkey.verifyToken(token).catch((error: unknown) => {
			if (isLatchkeyError(error) && error.status >= 400 && error.status < 500)
				throw new DemoError("link_invalid", 401, `The sign-in link was not accepted (${error.errorCode}).`);
			throw error;
		});
		if (verified.type !== "magic_link" || verified.purpose !== "recovery")
			throw new DemoError("link_invalid", 401, `A ${verified.type} token cannot be used as a recovery link.`);
		const user = store.findUser(verified.userId);
		if (!user) throw new DemoError("unknown_account", 401, "The link belongs to an account the demo does not know.");
		await setSession(req, res, user.id);
		res.json({ user: publicUser(user) });
	});

	router.post("/logout", (req, res) => {
		res.clearCookie(sessions.cookieName, { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/" });
		res.status(204).end();
	});

	router.get("/passkeys", async (req, res) => {
		const user = await sessionUser(req);
		const credentials = await latchkey.listCredentials(user.id);
		const passkeys = credentials.map((credential) => toPasskeyView(credential)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
		res.json({ passkeys });
	});

	router.patch("/passkeys/:id", async (req, res) => {
		const user = await sessionUser(req);
		const nickname = parseNickname(req.body);
		const { credential } = await ownPasskey(user, String(req.params.id));
		// Latchkey keeps the nickname (POST /credentials/update), so /signin/verify and every list report it.
		await latchkey.updateCredential(credential.descriptor.id, { nickname });
		res.json({ passkey: toPasskeyView({ ...credential, nickname }) });
	});

	router.delete("/passkeys/:id", async (req, res) => {
		const user = await sessionUser(req);
		const { credential, count } = await ownPasskey(user, String(req.params.id));
		if (count <= 1) throw new DemoError("last_passkey", 409, "Add another passkey before you delete your last one.");
		await latchkey.deleteCredential(credential.descriptor.id);
		// The page hands this to signalAllAcceptedCredentials, so the user's passkey provider hides the deleted one.
		res.json({ signal: await latchkey.getAcceptedCredentialsSignal(user.id) });
	});

	router.get("/payments", async (req, res) => {
		const user = await sessionUser(req);
		res.json({ balanceCents: store.balanceCents(user.id), payments: store.listPayments(user.id) });
	});

	router.post("/payments", async (req, res) => {
		const user = await sessionUser(req);
		const input = parsePaymentInput(req.body);
		await verifyStepUp(latchkey, { token: input.stepUpToken, userId: user.id, now: now() });
		if (input.amountCents > store.balanceCents(user.id))
			throw new DemoError("insufficient_funds", 422, "The balance is too low for this payment.");
		const payment = store.addPayment({ userId: user.id, counterparty: input.recipient, amountCents: -input.amountCents, now: now() });
		res.status(201).json({ payment, balanceCents: store.balanceCents(user.id) });
	});

	router.use((_req, _res, next) => next(new DemoError("not_found", 404, "There is no such API route.")));
	return router;
}
