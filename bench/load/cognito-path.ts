// Section 12: whole sign-ins through the Cognito-style API (InitiateAuth + RespondToAuthChallenge + offline JWT verify)
// next to the Passwordless.dev path (begin + complete + /signin/verify), on one fresh server and one user pool.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { startServer } from "@latchkey/test-support";
import { CoseAlgorithm, type PublicKeyCredentialRequestOptionsJSON, SoftAuthenticator } from "@latchkey/testing";
import type { RequestContext } from "autocannon";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { CONNECTIONS, ORIGIN, RP_ID, SECONDS } from "../config.ts";
import { Api, Bench, type PhaseReport, report, type Step, signInPhase, type User } from "./phases.ts";
import { serverEnv, stopServer } from "./servers.ts";

const BIN = join(dirname(createRequire(import.meta.url).resolve("@latchkey/server/package.json")), "bin", "latchkey.js");

/** The two paths on one server, with the server CPU each sign-in cost. */
export interface CognitoPath {
	cognito: PhaseReport & { serverCpuMsPerSignIn: number };
	passwordless: PhaseReport & { serverCpuMsPerSignIn: number };
}

const target = (operation: string): Record<string, string> => ({
	"content-type": "application/x-amz-json-1.1",
	"x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
});

/**
 * InitiateAuth (USER_AUTH, WEB_AUTHN, by user id) and RespondToAuthChallenge with the software authenticator's
 * assertion; each ID token is then verified offline against the pool's JWKS (`verified` counts them).
 */
function cognitoSteps(
	authenticator: SoftAuthenticator,
	users: User[],
	pool: { clientId: string },
	verify: (idToken: string) => void,
): Step[] {
	const free: User[] = [...users];
	const release = (context: RequestContext): void => {
		if (context.user) free.push(context.user as User);
		context.user = undefined;
	};
	return [
		{
			kind: "cognito/InitiateAuth",
			path: "/",
			secret: false,
			headers: target("InitiateAuth"),
			body: (context) => {
				const user = free.shift();
				if (!user) throw new Error("the user pool ran dry (a leaked checkout)");
				context.user = user;
				return {
					AuthFlow: "USER_AUTH",
					ClientId: pool.clientId,
					AuthParameters: { USERNAME: user.userId, PREFERRED_CHALLENGE: "WEB_AUTHN" },
				};
			},
			ok: (body, context) => {
				context.challenge = JSON.parse(body);
			},
			failed: release,
		},
		{
			kind: "cognito/RespondToAuthChallenge",
			path: "/",
			secret: false,
			headers: target("RespondToAuthChallenge"),
			body: (context) => {
				const challenge = context.challenge as { Session: string; ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: string } } | undefined;
				const user = context.user as User | undefined;
				if (!challenge || !user) return null;
				const options = JSON.parse(challenge.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS) as PublicKeyCredentialRequestOptionsJSON;
				const credential = authenticator.getAssertion(options, { origin: ORIGIN, credentialId: user.credentialId });
				return {
					ClientId: pool.clientId,
					ChallengeName: "WEB_AUTHN",
					Session: challenge.Session,
					ChallengeResponses: { USERNAME: user.userId, CREDENTIAL: JSON.stringify(credential) },
				};
			},
			ok: (body, context) => {
				release(context);
				verify((JSON.parse(body) as { AuthenticationResult: { IdToken: string } }).AuthenticationResult.IdToken);
			},
			failed: release,
		},
	];
}

/**
 * A fresh `latchkey serve`, a user pool (`latchkey pool create`), 2 × connections users registered through the pool's
 * app, then whole sign-ins for `SECONDS` through each API in turn.
 */
export async function measureCognitoPath(): Promise<CognitoPath> {
	console.log(`\n[12] whole sign-in through the Cognito-style API and through the Passwordless.dev API, ${SECONDS} s each…`);
	const server = await startServer({ env: serverEnv() });
	try {
		const created = await promisify(execFile)(process.execPath, [
			BIN,
			...["pool", "create", "pool", "--region", "us-east-1", "--rp-id", RP_ID, "--origin", ORIGIN],
			...["--database", server.databaseUrl, "--json"],
		]);
		const pool = JSON.parse(created.stdout) as { appId: string; apiKey: string; apiSecret: string; userPoolId: string; clientId: string };
		const api = new Api(server.url, { appId: pool.appId, apiKey: pool.apiKey, apiSecret: pool.apiSecret });
		const authenticator = new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256] });
		const users: User[] = [];
		for (let i = 0; i < CONNECTIONS * 2; i++) users.push({ userId: `c${i}`, credentialId: await api.register(authenticator, `c${i}`) });
		for (let i = 0; i < 20; i++) await api.signIn(authenticator, users[0] as User);
		const issuer = `${server.url}/${pool.userPoolId}`;
		const jwks = createLocalJWKSet((await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
		const bench = new Bench([server], api, null);
		bench.startSampling();
		let verified = 0;
		const pending: Promise<void>[] = [];
		const verify = (idToken: string): void => {
			pending.push(
				jwtVerify(idToken, jwks, { issuer, audience: pool.clientId }).then(
					() => {
						verified++;
					},
					() => {},
				),
			);
		};
		const run = await bench.phase("cognito", cognitoSteps(authenticator, users, pool, verify), { duration: SECONDS });
		await Promise.all(pending);
		const cognito = report(run, "sign-ins", verified);
		const passwordless = await signInPhase(bench, authenticator, users, { duration: SECONDS }, "passwordless");
		bench.stopSampling();
		const perSignIn = (phase: PhaseReport) => ({
			...phase,
			serverCpuMsPerSignIn:
				phase.operations > 0 ? Math.round(((phase.serverCpuPercent / 100) * phase.seconds * 1000 * 1000) / phase.operations) / 1000 : 0,
		});
		const result = { cognito: perSignIn(cognito), passwordless: perSignIn(passwordless) };
		console.log(
			`      Cognito path ${result.cognito.perSecond} sign-ins/s (server CPU ${result.cognito.serverCpuMsPerSignIn} ms each); ` +
				`Passwordless.dev path ${result.passwordless.perSecond} sign-ins/s (${result.passwordless.serverCpuMsPerSignIn} ms each)`,
		);
		return result;
	} finally {
		await stopServer(server);
	}
}
