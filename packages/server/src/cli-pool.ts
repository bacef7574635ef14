import { parseArgs } from "node:util";
import { isPasskeyError } from "@latchkey/protocol";
import { createPool, rotatePoolKey } from "./apps/create-pool.ts";
import { type CliIo, configFrom, printHelp, strictly, UsageError } from "./cli-tools.ts";
import { systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { openStore } from "./main.ts";
import { cryptoRandom, generateRsaKeyPair } from "./random.ts";
import type { Store } from "./store/store.ts";

const POOL_OPTIONS = {
	region: { type: "string" },
	"rp-id": { type: "string" },
	origin: { type: "string", multiple: true },
	database: { type: "string" },
	json: { type: "boolean" },
	help: { type: "boolean", short: "h" },
} as const;

/**
 * The issuer of a pool's tokens: `<LATCHKEY_PUBLIC_URL>/<userPoolId>`, or without it the listening address.
 * @example issuerFor(config, "us-east-1_Ab12Cd34E") // "http://127.0.0.1:4000/us-east-1_Ab12Cd34E"
 */
export function issuerFor(config: Config, userPoolId: string): string {
	if (config.publicUrl) return `${config.publicUrl}/${userPoolId}`;
	const host =
		config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host;
	return `http://${host}:${config.port}/${userPoolId}`;
}

async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
	const store = await openStore(config);
	try {
		return await work(store);
	} catch (error) {
		if (isPasskeyError(error)) throw new UsageError(error.detail ?? error.title);
		throw error;
	} finally {
		await store.close();
	}
}

/**
 * `latchkey pool create | list | rotate-key`: Cognito-style user pools (one per app) for the AWS JSON 1.1 endpoint.
 * @param sub - the pool command
 * @param args - its arguments
 * @param io - output streams and environment
 * @returns the exit code
 * @throws UsageError for arguments it cannot use
 */
export async function runPoolCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
	if (sub === undefined || sub === "--help" || sub === "-h") return printHelp(io, "pool create", sub ? 0 : 2);
	if (sub !== "create" && sub !== "list" && sub !== "rotate-key") {
		throw new UsageError(`unknown command 'pool ${sub}'; try 'latchkey pool create --help'`);
	}
	const { values, positionals } = strictly(() => parseArgs({ args, options: POOL_OPTIONS, allowPositionals: true, strict: true }));
	if (values.help) return printHelp(io, `pool ${sub}`, 0);
	const config = configFrom(io, values.database !== undefined ? { database: values.database } : {});
	const deps = { clock: systemClock, random: cryptoRandom, rsaKeys: generateRsaKeyPair };
	const [first, extra] = positionals;
	if ((sub === "list" ? first : extra) !== undefined) throw new UsageError(`unexpected argument '${sub === "list" ? first : extra}'`);
	if (sub === "list") {
		const pools = await withStore(config, (store) => store.pools.list());
		const rows = pools.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), issuer: issuerFor(config, p.id) }));
		if (values.json) io.out(JSON.stringify(rows));
		else for (const p of rows) io.out(`${p.id}\t${p.appId}\t${p.clientId}\t${p.issuer}`);
		return 0;
	}
	if (sub === "rotate-key") {
		if (!first) throw new UsageError("missing <userPoolId>; see 'latchkey pool list'");
		const kid = await withStore(config, (store) => rotatePoolKey(first, { ...deps, store }));
		io.out(
			values.json
				? JSON.stringify({ userPoolId: first, kid })
				: `New signing key '${kid}' of pool '${first}'; the old keys stay published.`,
		);
		return 0;
	}
	if (!first) throw new UsageError("missing <appId>; see 'latchkey pool create --help'");
	if (!values.region) throw new UsageError("missing --region <region>; see 'latchkey pool create --help'");
	if (!values["rp-id"]) throw new UsageError("missing --rp-id <rpId>; see 'latchkey pool create --help'");
	const input = { appId: first, region: values.region, rpId: values["rp-id"], allowedOrigins: values.origin ?? [] };
	const created = await withStore(config, (store) => createPool(input, { ...deps, store }));
	const issuer = issuerFor(config, created.userPoolId);
	if (values.json) io.out(JSON.stringify({ ...created, issuer }));
	else {
		io.out(
			[
				`Created app '${created.appId}' with user pool '${created.userPoolId}'. Store these keys now; they are not shown again.`,
				`  ApiKey:      ${created.apiKey}`,
				`  ApiSecret:   ${created.apiSecret}`,
				`  UserPoolId:  ${created.userPoolId}`,
				`  ClientId:    ${created.clientId}`,
				`  Issuer:      ${issuer}`,
			].join("\n"),
		);
	}
	return 0;
}
