import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isPasskeyError } from "@latchkey/protocol";
import { type CliIo, configFrom, printHelp, strictly, UsageError } from "./cli-tools.ts";
import { systemClock } from "./clock.ts";
import { openStore } from "./main.ts";
import { importMdsBlob } from "./mds/import-mds-blob.ts";
import { PACKAGE_ROOT } from "./package-root.ts";

const MDS_OPTIONS = {
	database: { type: "string" },
	root: { type: "string" },
	force: { type: "boolean" },
	json: { type: "boolean" },
	help: { type: "boolean", short: "h" },
} as const;

/** The FIDO MDS3 root shipped with the package (GlobalSign Root CA - R3; data/README.md). */
const SHIPPED_ROOT = new URL("data/fido-mds-root.pem", PACKAGE_ROOT);

function readText(path: string | URL, what: string): string {
	try {
		return readFileSync(path, "utf8");
	} catch (error) {
		const reason = (error as { code?: string }).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
		throw new UsageError(`${what}: ${reason}`);
	}
}

/** The certificates of a PEM file (one or more `BEGIN CERTIFICATE` blocks). */
function rootCertificates(path: string | undefined): string[] {
	const text = readText(path ?? SHIPPED_ROOT, path === undefined ? "the shipped FIDO MDS root (data/fido-mds-root.pem)" : `--root ${path}`);
	const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
	if (blocks.length === 0) throw new UsageError(`--root ${path}: no PEM certificate (-----BEGIN CERTIFICATE-----) in it`);
	return blocks;
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

async function runImport(
	file: string,
	values: { database?: string; root?: string; force?: boolean; json?: boolean },
	io: CliIo,
): Promise<number> {
	const jwt = readText(file, file);
	const roots = rootCertificates(values.root);
	const config = configFrom(io, values.database !== undefined ? { database: values.database } : {});
	const store = await openStore(config);
	try {
		const { blob, previousNo } = await importMdsBlob(
			jwt,
			{ store, clock: systemClock },
			{ rootCertificates: roots, force: values.force === true },
		);
		const summary = {
			no: blob.no,
			nextUpdate: day(blob.nextUpdate),
			entries: blob.entries.length,
			importedAt: blob.importedAt.toISOString(),
			previousNo,
		};
		if (values.json) io.out(JSON.stringify(summary));
		else {
			const replaced = previousNo === null ? "" : ` (replaces blob no ${previousNo})`;
			io.out(`Imported FIDO metadata blob no ${blob.no}${replaced}: ${summary.entries} entries, nextUpdate ${summary.nextUpdate}.`);
		}
		return 0;
	} catch (error) {
		if (isPasskeyError(error)) throw new UsageError(`mds import refused (${error.code}): ${error.detail ?? error.title}`);
		throw error;
	} finally {
		await store.close();
	}
}

async function runStatus(values: { database?: string; json?: boolean }, io: CliIo): Promise<number> {
	const config = configFrom(io, values.database !== undefined ? { database: values.database } : {});
	const store = await openStore(config);
	try {
		const blob = await store.mds.latest();
		const now = systemClock.now();
		if (blob === null) {
			if (values.json) io.out("null");
			else io.out("No FIDO metadata imported; see 'latchkey mds import --help'.");
			return 0;
		}
		const expired = now.getTime() > blob.nextUpdate.getTime();
		const status = {
			no: blob.no,
			nextUpdate: day(blob.nextUpdate),
			importedAt: blob.importedAt.toISOString(),
			entries: blob.entries.length,
			expired,
		};
		if (values.json) io.out(JSON.stringify(status));
		else {
			io.out(
				[
					`FIDO metadata blob no ${status.no}`,
					`  nextUpdate:  ${status.nextUpdate}`,
					`  importedAt:  ${status.importedAt}`,
					`  entries:     ${status.entries}`,
				].join("\n"),
			);
		}
		if (expired) {
			io.err(
				`latchkey: warning: the blob's nextUpdate (${status.nextUpdate}) has passed; download a fresh one from https://mds3.fidoalliance.org/ and import it.`,
			);
		}
		return 0;
	} finally {
		await store.close();
	}
}

/**
 * `latchkey mds import <blob.jwt> | status`: the offline FIDO metadata (docs/attestation.md).
 * @param sub - the mds command
 * @param args - its arguments
 * @param io - output streams and environment
 * @returns the exit code (2 when the blob is refused)
 * @throws UsageError for arguments it cannot use and for a refused blob
 */
export async function runMdsCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
	if (sub === undefined || sub === "--help" || sub === "-h") return printHelp(io, "mds import", sub ? 0 : 2);
	if (sub !== "import" && sub !== "status") throw new UsageError(`unknown command 'mds ${sub}'; try 'latchkey mds import --help'`);
	const { values, positionals } = strictly(() => parseArgs({ args, options: MDS_OPTIONS, allowPositionals: true, strict: true }));
	if (values.help) return printHelp(io, `mds ${sub}`, 0);
	if (sub === "status") {
		if (positionals[0] !== undefined) throw new UsageError(`unexpected argument '${positionals[0]}'`);
		if (values.root !== undefined || values.force) throw new UsageError("--root and --force are options of 'latchkey mds import'");
		return runStatus(values, io);
	}
	const [file, extra] = positionals;
	if (!file) throw new UsageError("missing <blob.jwt>; see 'latchkey mds import --help'");
	if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
	return runImport(file, values, io);
}
