import { PasskeyError } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import { toBase64Url } from "../encoding.ts";
import type { RsaKeyPair } from "../random.ts";
import type { SigningKey, UserPool } from "../store/store.ts";
import { type CreatedApp, createApp } from "./create-app.ts";
import { randomText } from "./random-text.ts";

/** A new app with its user pool; the keys are shown once. */
export interface CreatedPool extends CreatedApp {
	userPoolId: string;
	clientId: string;
}

/** What pool creation and key rotation need: the store, clock, randomness and a maker of RSA key pairs. */
export type PoolDeps = Pick<Deps, "store" | "clock" | "random"> & { rsaKeys: () => RsaKeyPair };

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A new signing key for `poolId`, current from `now`. */
function newSigningKey(poolId: string, deps: PoolDeps, now: Date): SigningKey {
	const kid = toBase64Url(deps.random.bytes(16));
	const pair = deps.rsaKeys();
	return {
		poolId,
		kid,
		publicJwk: { ...pair.publicJwk, kid, alg: "RS256", use: "sig" },
		privateJwk: { ...pair.privateJwk, kid, alg: "RS256" },
		retiredAt: null,
		createdAt: now,
	};
}

/**
 * Creates an app (as `latchkey app create` does) and its Cognito-style user pool: pool id `<region>_<9
 * alphanumerics>`, an app client id of 26 lowercase letters and digits, and a first RS256 signing key.
 * @param input - the app's id, RP ID and allowed origins, and the pool's AWS region name (e.g. `us-east-1`)
 * @param deps - store, clock, randomness and `rsaKeys` (e.g. `generateRsaKeyPair`)
 * @throws invalid_argument, app_already_exists
 * @example await createPool({ appId: "shop", region: "us-east-1", rpId: "shop.example", allowedOrigins: [] }, deps)
 */
export async function createPool(
	input: { appId: string; region: string; rpId: string; allowedOrigins: string[] },
	deps: PoolDeps,
): Promise<CreatedPool> {
	if (!REGION.test(input.region)) {
		throw new PasskeyError("invalid_argument", { detail: `region '${input.region}' is not an AWS region name such as us-east-1.` });
	}
	const created = await createApp({ appId: input.appId, rpId: input.rpId, allowedOrigins: input.allowedOrigins }, deps);
	const now = deps.clock.now();
	const pool: UserPool = {
		id: `${input.region}_${randomText(deps.random, { length: 9, alphabet: ALPHANUMERIC })}`,
		appId: input.appId,
		region: input.region,
		clientId: randomText(deps.random, { length: 26, alphabet: LOWER_ALPHANUMERIC }),
		createdAt: now,
	};
	await deps.store.pools.create(pool, newSigningKey(pool.id, deps, now));
	return { ...created, userPoolId: pool.id, clientId: pool.clientId };
}

/**
 * Makes a new signing key the pool's current one; the old keys stay published (JWKS) until their tokens expire.
 * @returns the new key's id
 * @throws invalid_argument when there is no such pool
 * @example const kid = await rotatePoolKey("us-east-1_Ab12Cd34E", deps);
 */
export async function rotatePoolKey(userPoolId: string, deps: PoolDeps): Promise<string> {
	if (!(await deps.store.pools.findById(userPoolId))) {
		throw new PasskeyError("invalid_argument", { detail: `no user pool '${userPoolId}'.` });
	}
	const key = newSigningKey(userPoolId, deps, deps.clock.now());
	await deps.store.pools.rotateKey(key);
	return key.kid;
}
