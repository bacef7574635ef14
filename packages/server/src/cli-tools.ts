import { HELP } from "./cli-help.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
	out(text: string): void;
	err(text: string): void;
	env: Record<string, string | undefined>;
	/** Where `export` writes without `--out`. @default process.stdout */
	stdout?: NodeJS.WritableStream;
	/** What `import` reads without `--in`. @default process.stdin */
	stdin?: NodeJS.ReadableStream;
}

/** A usage error: one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** Prints a help text and returns the exit code to use. */
export function printHelp(io: CliIo, topic: string, code: number): number {
	io.out(HELP[topic] ?? "");
	return code;
}

/** Runs node's own argument parser strictly; its complaint becomes a one-line usage error. */
export function strictly<T>(parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		throw new UsageError(error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error));
	}
}

export function configFrom(
	io: CliIo,
	values: { port?: string; host?: string; database?: string; dev?: boolean; workers?: string },
): Config {
	try {
		return loadConfig(io.env, {
			...(values.port !== undefined ? { port: values.port } : {}),
			...(values.host !== undefined ? { host: values.host } : {}),
			...(values.database !== undefined ? { databaseUrl: values.database } : {}),
			...(values.dev ? { dev: true } : {}),
			...(values.workers !== undefined ? { workers: values.workers } : {}),
		});
	} catch (error) {
		if (error instanceof ConfigError) throw new UsageError(error.message);
		throw error;
	}
}
