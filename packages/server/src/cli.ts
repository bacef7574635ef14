import cluster from "node:cluster";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { isPasskeyError } from "@latchkey/protocol";
import { createApp } from "./apps/create-app.ts";
import { runMdsCommand } from "./cli-mds.ts";
import { runPoolCommand } from "./cli-pool.ts";
import { type CliIo, configFrom, printHelp, strictly, UsageError } from "./cli-tools.ts";
import { systemClock } from "./clock.ts";
import { createDeps, ensureDevApp, migrateDatabase, openStore, serve, superviseWorkers } from "./main.ts";
import { listApiKeys, rotateApiKey, setApiKeyLock } from "./management/manage-api-keys.ts";
import { cryptoRandom } from "./random.ts";
import type { TransferCounts, TransferRecord } from "./store/store.ts";
import { emptyTransferCounts } from "./store/transfer-records.ts";
import { decodeTransferRecord, type ExportHeader, encodeTransferRecord } from "./transfer/transfer-lines.ts";

const SERVE_OPTIONS = {
	port: { type: "string" },
	host: { type: "string" },
	database: { type: "string" },
	dev: { type: "boolean" },
	workers: { type: "string" },
	help: { type: "boolean", short: "h" },
} as const;

const APP_CREATE_OPTIONS = {
	"rp-id": { type: "string" },
	origin: { type: "string", multiple: true },
	database: { type: "string" },
	json: { type: "boolean" },
	"reusable-verify-tokens": { type: "boolean" },
	"related-origin": { type: "string", multiple: true },
	"top-origin": { type: "string", multiple: true },
	help: { type: "boolean", short: "h" },
} as const;

const MIGRATE_OPTIONS = { database: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

const EXPORT_OPTIONS = {
	database: { type: "string" },
	out: { type: "string" },
	"without-events": { type: "boolean" },
	help: { type: "boolean", short: "h" },
} as const;

const IMPORT_OPTIONS = { database: { type: "string" }, in: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

async function runServe(args: string[], io: CliIo, dev: boolean): Promise<number> {
	const { values, positionals } = strictly(() => parseArgs({ args, options: SERVE_OPTIONS, allowPositionals: true, strict: true }));
	if (values.help) return printHelp(io, dev ? "dev" : "serve", 0);
	if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
	const config = configFrom(io, { ...values, dev: dev || values.dev === true });
	if (!config.dev && config.workers > 1 && cluster.isPrimary) {
		await superviseWorkers(config);
		return -1;
	}
	const deps = await createDeps(config);
	if (!config.dev) {
		await serve(config, { deps });
		return -1;
	}
	const devApp = await ensureDevApp(config, deps);
	const running = await serve(config, { deps, playgroundApiKey: devApp.apiKey });
	const shown = running.url.replace("127.0.0.1", "localhost").replace("[::1]", "localhost");
	io.err(
		[
			"",
			`  Latchkey is running at ${shown}`,
			`  Playground:  ${shown}/  (open it in a browser and register a passkey)`,
			`  Dev app:     ${devApp.appId}  (RP ID localhost)`,
			`  ApiKey:      ${devApp.apiKey}`,
			`  ApiSecret:   ${devApp.apiSecret}`,
			"",
		].join("\n"),
	);
	return -1;
}

async function runAppCreate(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = strictly(() => parseArgs({ args, options: APP_CREATE_OPTIONS, allowPositionals: true, strict: true }));
	if (values.help) return printHelp(io, "app create", 0);
	const [appId, extra] = positionals;
	if (!appId) throw new UsageError("missing <appId>; see 'latchkey app create --help'");
	if (extra) throw new UsageError(`unexpected argument '${extra}'`);
	if (!values["rp-id"]) throw new UsageError("missing --rp-id <rpId>; see 'latchkey app create --help'");
	const config = configFrom(io, values.database !== undefined ? { database: values.database } : {});
	const store = await openStore(config);
	try {
		const created = await createApp(
			{
				appId,
				rpId: values["rp-id"],
				allowedOrigins: values.origin ?? [],
				reusableVerifyTokens: values["reusable-verify-tokens"] === true,
				relatedOrigins: values["related-origin"] ?? [],
				allowedTopOrigins: values["top-origin"] ?? [],
			},
			{ store, clock: systemClock, random: cryptoRandom },
		);
		if (values.json) io.out(JSON.stringify(created));
		else {
			io.out(
				`Created app '${created.appId}'. Store these keys now; they are not shown again.\n  ApiKey:    ${created.apiKey}\n  ApiSecret: ${created.apiSecret}`,
			);
		}
		return 0;
	} catch (error) {
		if (isPasskeyError(error)) throw new UsageError(error.detail ?? error.title);
		throw error;
	} finally {
		await store.close();
	}
}

const KEY_OPTIONS = {
	database: { type: "string" },
	json: { type: "boolean" },
	kind: { type: "string" },
	"keep-old": { type: "boolean" },
	help: { type: "boolean", short: "h" },
} as const;

/** `latchkey app keys | rotate-key | lock-key | unlock-key`. */
async function runAppKeyCommand(sub: "keys" | "rotate-key" | "lock-key" | "unlock-key", args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = strictly(() => parseArgs({ args, options: KEY_OPTIONS, allowPositionals: true, strict: true }));
	const topic = sub === "unlock-key" ? "app lock-key" : `app ${sub}`;
	if (values.help) return printHelp(io, topic, 0);
	const [appId, keyId, extra] = positionals;
	if (!appId) throw new UsageError(`missing <appId>; see 'latchkey ${topic} --help'`);
	const needsKeyId = sub === "lock-key" || sub === "unlock-key";
	if (needsKeyId && !keyId) throw new UsageError(`missing <keyId>; see 'latchkey app keys ${appId}'`);
	if ((needsKeyId ? extra : keyId) !== undefined) throw new UsageError(`unexpected argument '${needsKeyId ? extra : keyId}'`);
	if (sub === "rotate-key" && values.kind !== "public" && values.kind !== "secret") throw new UsageError("--kind must be public or secret");
	const config = configFrom(io, values.database !== undefined ? { database: values.database } : {});
	const store = await openStore(config);
	const deps = { store, clock: systemClock, random: cryptoRandom };
	try {
		if (sub === "keys") {
			const keys = await listApiKeys(appId, deps);
			if (values.json) io.out(JSON.stringify(keys));
			else for (const k of keys) io.out(`${k.id}\t${k.kind}\t${k.scopes.join(",")}\t${k.locked ? "locked" : "active"}\t${k.createdAt}`);
		} else if (sub === "rotate-key") {
			const rotated = await rotateApiKey({ appId, kind: values.kind as "public" | "secret", keepOld: values["keep-old"] === true }, deps);
			if (values.json) io.out(JSON.stringify(rotated));
			else {
				const removed = rotated.removed.length > 0 ? `Deleted: ${rotated.removed.join(", ")}.` : "The old keys stay valid.";
				io.out(`New ${values.kind} key '${rotated.id}' (shown once): ${rotated.key}\n${removed}`);
			}
		} else {
			await setApiKeyLock({ appId, keyId: keyId as string, locked: sub === "lock-key" }, deps);
			io.out(`${sub === "lock-key" ? "Locked" : "Unlocked"} key '${keyId}' of app '${appId}'.`);
		}
		return 0;
	} catch (error) {
		if (isPasskeyError(error)) throw new UsageError(error.detail ?? error.title);
		throw error;
	} finally {
		await store.close();
	}
}

function noPositionals(positionals: string[]): void {
	if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
}

async function runMigrate(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = strictly(() => parseArgs({ args, options: MIGRATE_OPTIONS, allowPositionals: true, strict: true }));
	if (values.help) return printHelp(io, "migrate", 0);
	noPositionals(positionals);
	const config = configFrom(io, values.database !== undefined ? { database: values.database } : {});
	const applied = await migrateDatabase(config);
	for (const name of applied) io.out(`applied ${name}`);
	io.out(applied.length > 0 ? `Applied ${applied.length} migration(s); the database is up to date.` : "The database is up to date.");
	return 0;
}

function describeCounts(counts: TransferCounts): string {
	return `${counts.app} apps, ${counts.apiKey} API keys, ${counts.authConfig} auth configs, ${counts.credential} credentials, ${counts.alias} aliases, ${counts.pool} user pools, ${counts.signingKey} signing keys, ${counts.event} events`;
}

async function runExport(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = strictly(() => parseArgs({ args, options: EXPORT_OPTIONS, allowPositionals: true, strict: true }));
	if (values.help) return printHelp(io, "export", 0);
	noPositionals(positionals);
	const config = configFrom(io, values.database !== undefined ? { database: values.database } : {});
	const partial = values.out === undefined ? null : `${values.out}.partial`;
	const output = partial === null ? (io.stdout ?? process.stdout) : createWriteStream(partial, { mode: 0o600 });
	const write = async (line: string): Promise<void> => {
		if (!output.write(`${line}\n`)) await once(output, "drain");
	};
	const store = await openStore(config);
	const counts: TransferCounts = emptyTransferCounts();
	try {
		const header: ExportHeader = { format: "latchkey-export", version: 1, exportedAt: systemClock.now().toISOString() };
		await write(JSON.stringify(header));
		for await (const record of store.transfer.exportAll({ events: values["without-events"] !== true })) {
			await write(encodeTransferRecord(record));
			counts[record.type]++;
		}
		if (partial !== null && values.out !== undefined) {
			output.end();
			await once(output, "close");
			renameSync(partial, values.out);
		}
	} catch (error) {
		if (partial !== null) {
			output.end();
			rmSync(partial, { force: true });
		}
		throw error;
	} finally {
		await store.close();
	}
	io.err(`Exported ${describeCounts(counts)}${values.out === undefined ? "" : ` to ${values.out}`}.`);
	return 0;
}

/** The records of an export, checked line by line as they are read (the header first). */
async function* readExport(input: NodeJS.ReadableStream): AsyncGenerator<TransferRecord> {
	let lineNumber = 0;
	let header = false;
	for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
		lineNumber++;
		if (line.trim() === "") continue;
		if (!header) {
			const parsed = (() => {
				try {
					return JSON.parse(line) as Partial<ExportHeader>;
				} catch {
					return null;
				}
			})();
			if (parsed?.format !== "latchkey-export") throw new Error(`line ${lineNumber}: not a 'latchkey export' file (no header line)`);
			if (parsed.version !== 1) throw new Error(`line ${lineNumber}: export format version ${parsed.version} is not supported`);
			header = true;
			continue;
		}
		yield decodeTransferRecord(line, lineNumber);
	}
	if (!header) throw new Error("the input is empty; expected a 'latchkey export' file");
}

async function runImport(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = strictly(() => parseArgs({ args, options: IMPORT_OPTIONS, allowPositionals: true, strict: true }));
	if (values.help) return printHelp(io, "import", 0);
	noPositionals(positionals);
	if (values.in !== undefined && !existsSync(values.in)) throw new UsageError(`--in ${values.in}: no such file`);
	const config = configFrom(io, values.database !== undefined ? { database: values.database } : {});
	const input = values.in === undefined ? (io.stdin ?? process.stdin) : createReadStream(values.in);
	const store = await openStore(config);
	try {
		const counts = await store.transfer.importAll(readExport(input));
		io.out(`Imported ${describeCounts(counts)}.`);
		return 0;
	} finally {
		await store.close();
	}
}

export type { CliIo } from "./cli-tools.ts";

/**
 * Runs the `latchkey` command line. Returns the exit code, or -1 when a server keeps running.
 * @param argv - the arguments after the program name
 * @param io - output streams and environment
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
	try {
		const [command, ...rest] = argv;
		if (command === undefined || command === "--help" || command === "-h" || command === "help") {
			return printHelp(io, "main", command === undefined ? 2 : 0);
		}
		if (command === "serve") return await runServe(rest, io, false);
		if (command === "dev") return await runServe(rest, io, true);
		if (command === "migrate") return await runMigrate(rest, io);
		if (command === "export") return await runExport(rest, io);
		if (command === "import") return await runImport(rest, io);
		if (command === "app") {
			const [sub, ...subRest] = rest;
			if (sub === "create") return await runAppCreate(subRest, io);
			if (sub === "keys" || sub === "rotate-key" || sub === "lock-key" || sub === "unlock-key") {
				return await runAppKeyCommand(sub, subRest, io);
			}
			if (sub === undefined || sub === "--help" || sub === "-h") return printHelp(io, "app create", sub ? 0 : 2);
			throw new UsageError(`unknown command 'app ${sub}'; try 'latchkey app create --help'`);
		}
		if (command === "pool") return await runPoolCommand(rest[0], rest.slice(1), io);
		if (command === "mds") return await runMdsCommand(rest[0], rest.slice(1), io);
		throw new UsageError(`unknown command '${command}'; try 'latchkey --help'`);
	} catch (error) {
		if (error instanceof UsageError) {
			io.err(`latchkey: ${error.message}`);
			return 2;
		}
		io.err(`latchkey: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
}
